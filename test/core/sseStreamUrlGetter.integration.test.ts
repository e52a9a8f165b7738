import { createHub, createSSEStream, type TidingsError, type UrlGetter } from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stats } from '../shared/mockServerHelpers';
import { EXPIRED, FRESH } from './authScenarios';

type Token = { token: string };

describe('createSSEStream with a url getter (token in the query) against the mock server', () => {
  let server: MockServer;
  const cleanups: Array<() => void> = [];

  beforeEach(async () => {
    // Auth mode: POST /api/chat answers 401 unless `?token=` is the fresh token.
    server = await startMockServer({ port: 0, authTokens: [FRESH], tokenDelayMs: 0 });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    await server.close();
  });

  /** A getter whose token the test changes; it records the URL of every call. */
  function tokenUrl(initial: string) {
    const state = { token: initial, urls: [] as string[] };
    const getter: UrlGetter = async () => {
      const url = `${server.url}/api/chat?token=${state.token}&v=1`;
      state.urls.push(url);
      return url;
    };
    return { state, getter };
  }

  function answerAt(url: UrlGetter, extra: { onAuthError?: () => boolean } = {}) {
    const errors: TidingsError[] = [];
    const answer = createSSEStream<Token, string>(url, {
      method: 'POST',
      body: { prompt: 'hi' },
      events: ['token'],
      initial: '',
      reduce: (text = '', m) => text + m.token,
      hub: createHub(),
      notify: 'sync',
      onError: (error) => errors.push(error),
      ...extra,
    });
    cleanups.push(() => answer.close());
    return { answer, errors };
  }

  const finished = async (answer: { getState(): { status: string } }) =>
    vi.waitFor(() => expect(answer.getState().status).toBe('closed'), { timeout: 10_000 });

  it('calls the getter on every start() and reconnect(), never caching its URL', async () => {
    const { state, getter } = tokenUrl(EXPIRED);
    const { answer } = answerAt(getter);
    expect(state.urls).toEqual([]);

    answer.start();
    await finished(answer);
    expect(answer.getState().error).toMatchObject({ kind: 'auth', status: 401 });

    // The next start asks the getter again, so the new token is what the server sees.
    state.token = FRESH;
    answer.start();
    await finished(answer);
    expect(answer.getState().error).toBeNull();
    const first = answer.getState().data;
    expect(first).toMatch(/^Good question about "hi"\./);

    answer.reconnect();
    await vi.waitFor(() => expect(state.urls).toHaveLength(3));
    await finished(answer);
    expect(answer.getState()).toMatchObject({ error: null, data: first });
    expect(state.urls).toEqual([
      `${server.url}/api/chat?token=${EXPIRED}&v=1`,
      `${server.url}/api/chat?token=${FRESH}&v=1`,
      `${server.url}/api/chat?token=${FRESH}&v=1`,
    ]);
    expect(stats(server, 'chat').requests).toBe(3);
  });

  it('a rejected getter ends the stream with a clear auth error, sends nothing, and the next start works', async () => {
    let calls = 0;
    const { answer, errors } = answerAt(async () => {
      calls++;
      if (calls === 1) throw new Error('token endpoint down');
      return `${server.url}/api/chat?token=${FRESH}`;
    });
    answer.start();
    await finished(answer);
    expect(answer.getState().error).toMatchObject({
      kind: 'auth',
      message: 'The url getter failed: token endpoint down',
    });
    expect(errors).toHaveLength(1);
    // A request-scoped stream is never retried by itself, a failed getter included.
    expect(calls).toBe(1);
    expect(stats(server, 'chat').requests).toBe(0);

    answer.start();
    await finished(answer);
    expect(answer.getState().error).toBeNull();
    expect(answer.getState().data).toMatch(/^Good question about "hi"\./);
    expect(calls).toBe(2);
  });

  it('a getter that returns no URL ends the stream with a config error naming it', async () => {
    const { answer } = answerAt(async () => '');
    answer.start();
    await finished(answer);
    expect(answer.getState().error).toMatchObject({
      kind: 'config',
      message: 'url from the getter must not be empty',
    });
    expect(stats(server, 'chat').requests).toBe(0);
  });

  it("a refused request names the getter's URL without its query: the token never shows", async () => {
    const { getter } = tokenUrl(EXPIRED);
    const { answer, errors } = answerAt(getter);
    answer.start();
    await finished(answer);
    const error = answer.getState().error;
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error?.message).toContain(`${server.url}/api/chat?…`);
    expect(errors.map((e) => e.message)).toEqual([error?.message]);
    for (const shown of [error?.message, String(error)]) expect(shown).not.toContain(EXPIRED);
  });

  it('onAuthError refreshes the token and the retry calls the getter again', async () => {
    const { state, getter } = tokenUrl(EXPIRED);
    let refusals = 0;
    const { answer, errors } = answerAt(getter, {
      onAuthError: () => {
        refusals++;
        state.token = FRESH;
        return true;
      },
    });
    answer.start();
    await finished(answer);
    expect(answer.getState().error).toBeNull();
    expect(answer.getState().data).toMatch(/^Good question about "hi"\./);
    expect(refusals).toBe(1);
    // The refusal was reported before the retry, its URL without the query.
    expect(errors.map((e) => [e.status, e.message])).toEqual([
      [401, `HTTP 401 from ${server.url}/api/chat?…`],
    ]);
    expect(state.urls.map((url) => new URL(url).searchParams.get('token'))).toEqual([
      EXPIRED,
      FRESH,
    ]);
    expect(stats(server, 'chat').requests).toBe(2);
  });
});
