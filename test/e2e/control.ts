import { inject } from 'vitest';

/** The mock server that serves the Storybook under test, driven through its HTTP control API. */
export const baseUrl = (): string => inject('storybookUrl');

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl()}/control/${path}`, {
    method: body === undefined && path === 'stats' ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/control/${path} answered ${response.status}`);
  return response.json();
}

export const publish = async (input: unknown) =>
  (await control('publish', input)) as { id: string };
export const drop = () => control('drop', {});
export const setFaults = (faults: Record<string, unknown>) => control('faults', faults);
export const reset = () => control('reset', {});
export const stats = async () =>
  (await control('stats')) as {
    /** Messages in the server's log (a reset empties it). */
    messages: number;
    transports: Record<string, { connections: number; opened: number }>;
  };
