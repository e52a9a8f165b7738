// @vitest-environment jsdom
import { createHub, createSSE } from '@tidings/core';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { describe, expect, it } from 'vitest';
import { byteChunks, fakeFetch, streamResponse } from './sseFakes';

/** One stream through `event-source-polyfill` (over core's fetch transport), then its reconnect. */
async function reconnectAfter(stream: string) {
  const { fetch, calls } = fakeFetch((index) =>
    streamResponse(index === 0 ? byteChunks(stream) : [], { hold: index > 0 }),
  );
  const seen: unknown[] = [];
  const channel = createSSE('http://x.test/sse?room=7', {
    transport: 'polyfill',
    polyfill: eventSourcePolyfill,
    parse: 'text',
    reconnect: { minDelay: 1, maxDelay: 1 },
    hub: createHub(),
    notify: 'sync',
    onMessage: (message) => seen.push(message),
    env: { fetch },
  });
  channel.connect();
  await expect.poll(() => calls.length).toBe(2);
  const cursor = channel.getState().cursor;
  channel.close();
  const second = calls[1];
  if (!second) throw new Error('no reconnect request');
  return { headers: second.headers, url: new URL(second.url), cursor, seen };
}

describe('createSSE over event-source-polyfill: the cursor on reconnect', () => {
  it('an ASCII id goes in Last-Event-ID', async () => {
    const { headers, url, seen } = await reconnectAfter('id: k1\ndata: a\n\n');
    expect(seen).toEqual(['a']);
    expect(headers['Last-Event-ID']).toBe('k1');
    expect(url.searchParams.has('lastEventId')).toBe(false);
  });

  it('a non-ASCII id goes as UTF-8 in ?lastEventId= (a header value must be bytes)', async () => {
    const { headers, url } = await reconnectAfter('id: é✓\ndata: a\n\n');
    expect(headers).not.toHaveProperty('Last-Event-ID');
    expect(url.searchParams.get('lastEventId')).toBe('é✓');
    expect(url.searchParams.get('room')).toBe('7');
  });

  it('an empty id resets: nothing is sent on reconnect', async () => {
    const { headers, url, cursor, seen } = await reconnectAfter(
      'id: k1\ndata: a\n\nid:\ndata: b\n\n',
    );
    expect(seen).toEqual(['a', 'b']);
    expect(cursor).toBeUndefined();
    expect(headers).not.toHaveProperty('Last-Event-ID');
    expect(url.searchParams.has('lastEventId')).toBe(false);
  });

  it('an id containing NUL is ignored, which the polyfill itself does not do', async () => {
    const { headers } = await reconnectAfter('id: k1\ndata: a\n\nid: k\u00002\ndata: b\n\n');
    expect(headers['Last-Event-ID']).toBe('k1');
  });
});
