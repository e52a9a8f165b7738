import { createHub, createSSE, type FrameMeta } from '@tidings/core';
import { describe, expect, it } from 'vitest';
import { byteChunks, fakeFetch, splitAt, streamResponse } from './sseFakes';

interface Seen {
  event: string | undefined;
  data: unknown;
  lastEventId: string | undefined;
}

/** Streams `chunks` through the fetch transport once and returns what was delivered. */
async function deliver(chunks: Uint8Array[], events?: string[]) {
  const { fetch } = fakeFetch(() => streamResponse(chunks));
  const seen: Seen[] = [];
  let ended = () => {};
  const closed = new Promise<void>((resolve) => {
    ended = resolve;
  });
  const channel = createSSE<Seen>('http://x.test/sse', {
    transport: 'fetch',
    events,
    reconnect: false,
    hub: createHub(),
    notify: 'sync',
    parse: (raw, meta: FrameMeta) => ({
      event: meta.event,
      data: raw,
      lastEventId: meta.lastEventId,
    }),
    env: { fetch },
    onClose: () => ended(),
  });
  channel.onMessage((message) => seen.push(message));
  channel.connect();
  // reconnect: false, so the stream's end closes the channel.
  await closed;
  const state = channel.getState();
  channel.close();
  return { seen, state };
}

/** Every case is checked whole, one byte per chunk, and split in two at every byte boundary. */
async function expectEverySplit(stream: string, expected: Seen[], events?: string[]) {
  const bytes = new TextEncoder().encode(stream).length;
  const splits: Array<{ name: string; chunks: Uint8Array[] }> = [
    { name: 'whole', chunks: [new TextEncoder().encode(stream)] },
    { name: 'byte by byte', chunks: byteChunks(stream) },
  ];
  for (let at = 1; at < bytes; at++)
    splits.push({ name: `split at ${at}`, chunks: splitAt(stream, at) });
  for (const { name, chunks } of splits) {
    const { seen } = await deliver(chunks, events);
    expect(seen, name).toEqual(expected);
  }
}

const msg = (data: string, lastEventId = '', event = 'message'): Seen => ({
  event,
  data,
  lastEventId,
});

describe('SSE parsing (fetch transport + eventsource-parser, WHATWG rules)', () => {
  it('accepts LF, CR and CRLF line ends, mixed in one stream', async () => {
    await expectEverySplit('data: a\n\ndata: b\r\rdata: c\r\n\r\ndata: d\n\r\n', [
      msg('a'),
      msg('b'),
      msg('c'),
      msg('d'),
    ]);
  });

  it('drops one leading BOM, even split across chunks, and keeps multi-byte characters whole', async () => {
    await expectEverySplit('\uFEFFdata: héllo ✓\n\ndata: \uFEFFkept\n\n', [
      msg('héllo ✓'),
      msg('\uFEFFkept'),
    ]);
  });

  it('ignores comments and unknown fields', async () => {
    await expectEverySplit(': connected\n:ping\ndata: a\nfoo: bar\n: mid\n\n', [msg('a')]);
  });

  it('joins multi-line data with \\n and strips one leading space only', async () => {
    await expectEverySplit('data: one\ndata:two\ndata:  three\ndata\n\n', [
      msg('one\ntwo\n three\n'),
    ]);
  });

  it('does not dispatch an event without data; an empty data field dispatches ""', async () => {
    await expectEverySplit('event: x\n\n\n\ndata\n\ndata:\n\n', [msg(''), msg('')]);
  });

  it('keeps the last event id across events and ignores an id containing NUL', async () => {
    await expectEverySplit(
      'id: 1\ndata: a\n\ndata: b\n\nid: 2\u0000x\ndata: c\n\nid: 3\ndata: d\n\n',
      [msg('a', '1'), msg('b', '1'), msg('c', '1'), msg('d', '3')],
    );
  });

  it('routes by event type: only the types in `events` are delivered', async () => {
    const stream =
      'event: notification\ndata: n1\n\ndata: plain\n\nevent: other\ndata: o\n\nevent: notification\ndata: n2\n\n';
    await expectEverySplit(
      stream,
      [msg('n1', '', 'notification'), msg('n2', '', 'notification')],
      ['notification'],
    );
    await expectEverySplit(stream, [msg('plain')]);
    await expectEverySplit(
      stream,
      [msg('n1', '', 'notification'), msg('plain'), msg('n2', '', 'notification')],
      ['message', 'notification'],
    );
  });

  it('drops an event whose id repeats one already delivered, and moves the cursor', async () => {
    const { seen, state } = await deliver(
      byteChunks('id: 7\ndata: a\n\nid: 7\ndata: again\n\nid: 8\ndata: b\n\n'),
    );
    expect(seen.map((s) => s.data)).toEqual(['a', 'b']);
    expect(state.cursor).toBe('8');
  });
});
