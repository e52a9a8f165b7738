import { describe, expect, it } from 'vitest';
import { useServer, waitFor } from './helpers';

describe('demo generator', () => {
  const harness = useServer();

  it('is off by default', async () => {
    const server = await harness.start();
    expect(server.stats().messages).toBe(0);
  });

  it('publishes realistic messages every interval', async () => {
    const server = await harness.start({ demoInterval: 5 });
    await waitFor(() => server.stats().messages >= 40, { what: '40 demo messages' });
    const response = await fetch(`${server.url}/api/long-poll?cursor=0`);
    const { messages } = (await response.json()) as {
      messages: Array<{ type: string; data: Record<string, unknown>; topic?: string }>;
    };
    const types = new Set(messages.map((message) => message.type));
    expect(types.has('notification')).toBe(true);
    for (const message of messages) {
      if (message.type === 'notification') {
        expect(Object.keys(message.data).sort()).toEqual(['body', 'from', 'title']);
      } else if (message.type === 'moderation') {
        expect(message.topic).toBe(`moderation/alerts/${message.data.severity}`);
        expect(Object.keys(message.data).sort()).toEqual(['contentId', 'reason', 'severity']);
      } else {
        expect(message.type).toBe('chat');
        expect(Object.keys(message.data).sort()).toEqual(['text', 'user']);
      }
    }
  });
});
