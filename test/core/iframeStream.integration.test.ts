// No DOM in Node runs an iframe's scripts, so this checks the contract between the URL the channel
// builds and what the mock server streams for it; the real postMessage path needs a browser (e2e).
// A fake page (not jsdom) because under jsdom's client resolution the mock server's `ws` import
// resolves to its browser stub; the real-DOM behaviour is covered by iframeStream.test.ts.
import { createHub, createIframeStream, type IframeStreamChannel } from '@tidings/core';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeIframePage } from './fakeIframePage';

type Message = { id: string; type: string; data?: unknown };

/** Reads a streamed response until `done(text so far)` holds, then stops reading. */
async function readUntil(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  while (!done(text)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  return text;
}

describe('createIframeStream with the mock server', () => {
  let server: MockServer;
  const channels: Array<IframeStreamChannel<Message>> = [];
  const page = fakeIframePage('http://localhost:6006');
  const currentFrame = () => page.current;

  beforeEach(async () => {
    server = await startMockServer({ port: 0 });
  });
  afterEach(async () => {
    for (const channel of channels.splice(0)) channel.close();
    await server.close();
  });

  function open() {
    const channel = createIframeStream<Message>(`${server.url}/iframe/stream`, {
      hub: createHub(),
      notify: 'sync',
      reconnect: { minDelay: 10, maxDelay: 50 },
      messageId: (m) => (m as Message).id,
      env: page.env,
    });
    channels.push(channel);
    channel.connect();
    return channel;
  }

  it('builds a URL the server streams to, targeting the page origin, open signal first', async () => {
    open();
    const src = currentFrame().src;
    expect(src).toBe(`${server.url}/iframe/stream?origin=${encodeURIComponent(page.origin)}`);
    const response = await fetch(src);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const target = JSON.stringify(page.origin);
    const opening = `parent.postMessage({"type":"tidings:open"}, ${target})`;
    const text = await readUntil(response, (t) => t.includes(opening));
    expect(text).toContain(opening);
  });

  it("raw() is the live attempt's iframe: a new one after a reconnect, undefined once closed", async () => {
    const channel = open();
    const first = currentFrame();
    expect(channel.raw()).toBe(first);
    first.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(currentFrame()).not.toBe(first));
    expect(channel.raw()).toBe(currentFrame());
    channel.close();
    expect(channel.raw()).toBeUndefined();
  });

  it('resumes after the stream ends with a lastEventId the server replays after', async () => {
    const channel = open();
    const first = currentFrame();
    const messages = [server.publish({ type: 'n' }), server.publish({ type: 'n' })];
    // Stand in for the iframe's scripts: the server's messages, posted from the stream's origin.
    for (const message of messages) {
      page.post(message, server.url, first);
    }
    expect(channel.getState()).toMatchObject({ status: 'open', cursor: messages[1]?.id });
    first.dispatchEvent(new Event('load'));
    await vi.waitFor(() => expect(currentFrame()).not.toBe(first));
    const src = new URL(currentFrame().src);
    expect(src.searchParams.get('lastEventId')).toBe(messages[1]?.id);

    const later = server.publish({ type: 'n' });
    const response = await fetch(src);
    const text = await readUntil(response, (t) => t.includes(`"id":"${later.id}"`));
    // Replays what came after the cursor, and nothing at or before it.
    expect(text).toContain(`"id":"${later.id}"`);
    expect(text).not.toContain(`"id":"${messages[0]?.id}"`);
    expect(text).not.toContain(`"id":"${messages[1]?.id}"`);
  });
});
