import { type ChannelState, createHub, createSSE, type FrameMeta } from '@tidings/core';
import { describe, expect, it } from 'vitest';
import { type ConformanceCase, conformanceCases } from './sseConformanceCorpus';
import { byteChunks, fakeFetch, splitAt, streamResponse } from './sseFakes';

type Dispatched = [type: string, data: string, lastEventId: string];

/** Streams `chunks` once through `createSSE(url, { transport: 'fetch' })` until the stream ends. */
async function run(chunks: Uint8Array[], listen: string[]) {
  const { fetch } = fakeFetch(() => streamResponse(chunks));
  const seen: Dispatched[] = [];
  let ended = () => {};
  const closed = new Promise<void>((resolve) => {
    ended = resolve;
  });
  const channel = createSSE<Dispatched>('http://x.test/sse', {
    transport: 'fetch',
    events: listen,
    reconnect: false,
    hub: createHub(),
    notify: 'sync',
    parse: (raw, meta: FrameMeta) => [meta.event ?? '', String(raw), meta.lastEventId ?? ''],
    onMessage: (event) => seen.push(event),
    env: { fetch },
    // reconnect: false, so the stream's end closes the channel.
    onClose: () => ended(),
  });
  channel.connect();
  await closed;
  const state: ChannelState<Dispatched> = channel.getState();
  return { seen, state };
}

/** The body whole, one byte per chunk, and cut in two at every byte. */
function splits(stream: string): Array<{ name: string; chunks: Uint8Array[] }> {
  const bytes = new TextEncoder().encode(stream);
  const all = [
    { name: 'whole', chunks: bytes.length === 0 ? [] : [bytes] },
    { name: 'byte by byte', chunks: byteChunks(stream) },
  ];
  for (let at = 1; at < bytes.length; at++) {
    all.push({ name: `split at byte ${at}`, chunks: splitAt(stream, at) });
  }
  return all;
}

function listenedTypes(test: ConformanceCase): string[] {
  return test.listen ?? [...new Set(['message', ...test.events.map(([type]) => type)])];
}

describe('SSE over fetch follows the WHATWG event-stream interpretation', () => {
  it.each(conformanceCases.map((test) => [test.name, test] as const))('%s', async (_, test) => {
    for (const { name, chunks } of splits(test.stream)) {
      const { seen, state } = await run(chunks, listenedTypes(test));
      expect(seen, name).toEqual(test.events);
      expect(state.cursor, `cursor, ${name}`).toBe(test.cursor);
      // No case is the app's problem (no parse or protocol error): the only error is the end.
      expect(state.error?.kind, name).toBe('network');
      expect(state.error?.message, name).toBe('The event stream ended');
    }
  });

  it('the corpus covers every class the spec defines', () => {
    expect(conformanceCases.length).toBeGreaterThanOrEqual(70);
    const names = new Set(conformanceCases.map((test) => test.name));
    expect(names.size).toBe(conformanceCases.length);
  });
});

describe('SSE over fetch: what the last event id sends on reconnect', () => {
  /** One stream, then the reconnect request: its headers and URL. */
  async function reconnectAfter(stream: string, url = 'http://x.test/sse?room=7') {
    const { fetch, calls } = fakeFetch((index) =>
      streamResponse(index === 0 ? byteChunks(stream) : [], { hold: index > 0 }),
    );
    const channel = createSSE(url, {
      transport: 'fetch',
      reconnect: { minDelay: 1, maxDelay: 1 },
      hub: createHub(),
      env: { fetch },
    });
    channel.connect();
    await expect.poll(() => calls.length).toBe(2);
    const cursor = channel.getState().cursor;
    channel.close();
    const second = calls[1];
    if (!second) throw new Error('no reconnect request');
    return { headers: second.headers, url: new URL(second.url), cursor };
  }

  it('an ASCII id goes in Last-Event-ID and leaves the URL alone', async () => {
    const { headers, url } = await reconnectAfter('id: k1\ndata: a\n\n');
    expect(headers['Last-Event-ID']).toBe('k1');
    expect(url.searchParams.has('lastEventId')).toBe(false);
    expect(url.searchParams.get('room')).toBe('7');
  });

  it('an id-only block is sent on reconnect', async () => {
    const { headers } = await reconnectAfter('data: a\n\nid: 42\n\n');
    expect(headers['Last-Event-ID']).toBe('42');
  });

  it('after an empty id: no Last-Event-ID and no ?lastEventId= at all', async () => {
    const { headers, url, cursor } = await reconnectAfter('id: k1\ndata: a\n\nid:\ndata: b\n\n');
    expect(cursor).toBeUndefined();
    expect(headers).not.toHaveProperty('Last-Event-ID');
    expect(url.searchParams.has('lastEventId')).toBe(false);
  });

  it('a non-ASCII id goes as UTF-8 in ?lastEventId=, never as a header', async () => {
    const { headers, url } = await reconnectAfter('id: é✓😀\ndata: a\n\n');
    expect(headers).not.toHaveProperty('Last-Event-ID');
    expect(url.searchParams.get('lastEventId')).toBe('é✓😀');
    expect(url.search).toContain('lastEventId=%C3%A9%E2%9C%93%F0%9F%98%80');
    expect(url.searchParams.get('room')).toBe('7');
  });

  it('an id with a leading space (that a header would lose) goes in the query too', async () => {
    const { headers, url } = await reconnectAfter('id:  k1\ndata: a\n\n');
    expect(headers).not.toHaveProperty('Last-Event-ID');
    expect(url.searchParams.get('lastEventId')).toBe(' k1');
  });

  it('an id containing NUL is ignored: the previous one is sent', async () => {
    const { headers } = await reconnectAfter('id: k1\ndata: a\n\nid: k\u00002\ndata: b\n\n');
    expect(headers['Last-Event-ID']).toBe('k1');
  });
});
