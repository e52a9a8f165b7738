// @vitest-environment jsdom
import { createHub, createIframeStream, type IframeStreamOptions } from '@tidings/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Message = { id: string; type: string; data?: unknown };

const STREAM = 'https://push.example.com/iframe/stream?room=7';
const STREAM_ORIGIN = 'https://push.example.com';

function iframes(): HTMLIFrameElement[] {
  return [...document.querySelectorAll('iframe')];
}

/** What the server's `<script>parent.postMessage(...)</script>` does, as seen by the page. */
function post(data: unknown, from: { origin?: string; frame?: HTMLIFrameElement | null } = {}) {
  const frame = from.frame === undefined ? iframes().at(-1) : from.frame;
  window.dispatchEvent(
    new MessageEvent('message', {
      data,
      origin: from.origin ?? STREAM_ORIGIN,
      source: frame ? frame.contentWindow : null,
    }),
  );
}

function setup(options: IframeStreamOptions<Message> = {}, url = STREAM) {
  const channel = createIframeStream<Message>(url, {
    hub: createHub(),
    notify: 'sync',
    env: { random: () => 0.5 },
    // These messages carry their delivery id; by default a payload's fields are never guessed at.
    messageId: (m) => (m as Message).id,
    ...options,
  });
  const ids: string[] = [];
  channel.onMessage((m) => ids.push(m.id));
  channel.connect();
  return { channel, ids };
}

describe('createIframeStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(async () => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('appends one hidden iframe whose src is the stream URL plus the page origin', () => {
    const { channel } = setup();
    const [frame] = iframes();
    expect(iframes()).toHaveLength(1);
    expect(frame?.parentNode).toBe(document.body);
    const src = new URL(frame?.src ?? '');
    expect(`${src.origin}${src.pathname}`).toBe('https://push.example.com/iframe/stream');
    expect(src.searchParams.get('room')).toBe('7');
    expect(src.searchParams.get('origin')).toBe(window.location.origin);
    expect(src.searchParams.has('lastEventId')).toBe(false);
    expect(frame?.getAttribute('aria-hidden')).toBe('true');
    expect(frame?.getAttribute('tabindex')).toBe('-1');
    expect(frame?.style.visibility).toBe('hidden');
    expect(channel.getState().status).toBe('connecting');
    channel.close();
  });

  it('opens on the tidings:open signal without delivering it', () => {
    const { channel, ids } = setup();
    post({ type: 'tidings:open' });
    expect(channel.getState()).toMatchObject({ status: 'open', received: 0 });
    expect(ids).toEqual([]);
    channel.close();
  });

  it('delivers object and string payloads, counts the first message as open, drops repeats', () => {
    const { channel, ids } = setup();
    post({ id: '1', type: 'notification' });
    expect(channel.getState().status).toBe('open');
    post(JSON.stringify({ id: '2', type: 'notification' }));
    post({ id: '2', type: 'notification' });
    post({ id: '3', type: 'notification' });
    expect(ids).toEqual(['1', '2', '3']);
    expect(channel.getState()).toMatchObject({ cursor: '3', received: 3 });
    channel.close();
  });

  it('accepts only messages from the origin and from its own iframe', () => {
    const { channel, ids } = setup();
    post({ id: '1', type: 'x' }, { origin: 'https://evil.example.com' });
    post({ id: '2', type: 'x' }, { origin: 'http://push.example.com' });
    // Right origin, but posted by the page itself / another frame.
    post({ id: '3', type: 'x' }, { frame: null });
    expect(ids).toEqual([]);
    expect(channel.getState().status).toBe('connecting');
    post({ id: '4', type: 'x' });
    expect(ids).toEqual(['4']);
    channel.close();
  });

  it('two streams of the same origin do not hear each other', () => {
    const a = setup({}, 'https://push.example.com/iframe/stream?room=a');
    const b = setup({}, 'https://push.example.com/iframe/stream?room=b');
    const [frameA, frameB] = iframes();
    post({ id: '1', type: 'x' }, { frame: frameA });
    post({ id: '2', type: 'x' }, { frame: frameB });
    expect(a.ids).toEqual(['1']);
    expect(b.ids).toEqual(['2']);
    a.channel.close();
    b.channel.close();
  });

  it('honours an explicit origin and rejects the stream URL origin then', () => {
    const { channel, ids } = setup({ origin: 'https://cdn.example.com/' });
    post({ id: '1', type: 'x' });
    post({ id: '2', type: 'x' }, { origin: 'https://cdn.example.com' });
    expect(ids).toEqual(['2']);
    channel.close();
  });

  it('never writes what it receives into the page', () => {
    const { channel } = setup({ parse: 'text' });
    const before = document.body.innerHTML;
    post('<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>');
    post({ id: '1', type: '<b>bold</b>', data: '<img src=x>' });
    expect(channel.getState().received).toBe(2);
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelectorAll('img, script, b')).toHaveLength(0);
    expect(channel.getState().data).toContain('<img src=x>');
    channel.close();
  });

  it('a malformed string frame sets a parse error; the next message still arrives', () => {
    const { channel, ids } = setup();
    post({ type: 'tidings:open' });
    post('{not json');
    expect(channel.getState().error).toMatchObject({ kind: 'parse' });
    expect(channel.getState().status).toBe('open');
    post({ id: '5', type: 'x' });
    expect(ids).toEqual(['5']);
    channel.close();
  });

  it('removes the iframe and stops listening on close', async () => {
    const { channel, ids } = setup();
    const [frame] = iframes();
    channel.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(iframes()).toHaveLength(0);
    post({ id: '1', type: 'x' }, { frame: frame ?? null });
    expect(ids).toEqual([]);
  });

  it('treats the iframe load event as the end of the stream and resumes with lastEventId', async () => {
    const { channel, ids } = setup({ reconnect: { minDelay: 1000 } });
    post({ type: 'tidings:open' });
    post({ id: '1', type: 'x' });
    post({ id: '2', type: 'x' });
    const [first] = iframes();
    first?.dispatchEvent(new Event('load'));
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(channel.getState().error).toMatchObject({ kind: 'network', retryable: true });
    expect(iframes()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    const [second] = iframes();
    expect(iframes()).toHaveLength(1);
    expect(second).not.toBe(first);
    expect(new URL(second?.src ?? '').searchParams.get('lastEventId')).toBe('2');
    // A replay of what was already delivered is dropped; the rest goes on in order.
    post({ type: 'tidings:open' });
    post({ id: '2', type: 'x' });
    post({ id: '3', type: 'x' });
    expect(ids).toEqual(['1', '2', '3']);
    expect(channel.getState()).toMatchObject({ status: 'open', attempt: 0, error: null });
    channel.close();
  });

  it('reconnects with lastEventId when the stream goes silent past heartbeatTimeout', async () => {
    // A cut response fires no `load` in Chromium: only silence tells the page it is dead.
    const { channel, ids } = setup({ heartbeatTimeout: 10_000, reconnect: { minDelay: 1000 } });
    post({ type: 'tidings:open' });
    post({ id: '1', type: 'x' });
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(9_000);
      post({ type: 'tidings:ping' }); // heartbeats keep it alive and are not delivered
    }
    expect(channel.getState()).toMatchObject({ status: 'open', received: 1 });
    const [first] = iframes();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(channel.getState()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(channel.getState().error).toMatchObject({ kind: 'timeout', retryable: true });
    await vi.advanceTimersByTimeAsync(500);
    const [second] = iframes();
    expect(second).not.toBe(first);
    expect(new URL(second?.src ?? '').searchParams.get('lastEventId')).toBe('1');
    post({ type: 'tidings:open' });
    post({ id: '2', type: 'x' });
    expect(ids).toEqual(['1', '2']);
    expect(channel.getState()).toMatchObject({ status: 'open', attempt: 0 });
    channel.close();
  });

  it('relies on load alone with heartbeatTimeout: false', async () => {
    const { channel } = setup({ heartbeatTimeout: false });
    post({ type: 'tidings:open' });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(channel.getState().status).toBe('open');
    channel.close();
  });

  it.each([
    ['javascript:alert(1)', /url "javascript:alert\(1\)".*http/],
    ['', /url must not be empty/],
    ['http://', /url "http:\/\/" is not a valid URL/],
  ])('rejects the URL %j with a config error naming it', (url, pattern) => {
    const { channel } = setup({}, url);
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error).toMatchObject({ kind: 'config' });
    expect(channel.getState().error?.message).toMatch(pattern);
    expect(iframes()).toHaveLength(0);
  });

  it.each(['push.example.com', 'https://push.example.com/path', '*'])(
    'rejects the origin %j with a config error naming it',
    (origin) => {
      const { channel } = setup({ origin });
      expect(channel.getState().error).toMatchObject({ kind: 'config' });
      expect(channel.getState().error?.message).toContain(`origin "${origin}"`);
      expect(iframes()).toHaveLength(0);
    },
  );

  it('resolves a relative URL against the page and defaults origin to the page', () => {
    const { channel, ids } = setup({}, '/iframe/stream');
    const src = new URL(iframes()[0]?.src ?? '');
    expect(src.href).toBe(
      `${window.location.origin}/iframe/stream?origin=${encodeURIComponent(window.location.origin)}`,
    );
    post({ id: '1', type: 'x' }, { origin: window.location.origin });
    expect(ids).toEqual(['1']);
    channel.close();
  });

  it('without a document it fails with a config error instead of throwing', () => {
    const { channel } = setup({ env: { document: undefined } });
    expect(channel.getState().status).toBe('closed');
    expect(channel.getState().error?.message).toMatch(/document/);
  });
});
