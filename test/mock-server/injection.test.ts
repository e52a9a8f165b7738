import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { sseFrame } from '../../packages/mock-server/src/sseFrame';
import { postJson, readSse, useServer, waitFor } from './helpers';

/** What a real SSE parser makes of a frame: its events and any `retry:` it announced. */
function parseSse(text: string) {
  const events: EventSourceMessage[] = [];
  const retries: number[] = [];
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onRetry: (retry) => retries.push(retry),
  });
  parser.feed(text);
  return { events, retries };
}

describe('SSE fields', () => {
  const harness = useServer();

  it('refuses a publish whose type would write its own SSE fields', async () => {
    const server = await harness.start();
    const types = [
      'notification\nid: 999999',
      'notification\rretry: 1',
      'notification\r\ndata: forged',
      'notification\n\nevent: other',
      'nul\u0000',
    ];
    for (const type of types) {
      const response = await postJson(`${server.url}/control/publish`, { type });
      expect(response.status, JSON.stringify(type)).toBe(400);
      expect(response.body.error).toContain('type');
      expect(() => server.publish({ type })).toThrow(/type/);
    }
    expect(server.stats().messages).toBe(0);
  });

  it('writes a frame whose data lines cannot become fields, whatever line breaks it holds', () => {
    const data = 'first\rid: 999999\rretry: 1\r\nevent: forged\nlast';
    const { events, retries } = parseSse(sseFrame({ id: '7', event: 'notification', data }));
    expect(retries).toEqual([]);
    expect(events).toEqual([
      {
        id: '7',
        event: 'notification',
        data: data.replaceAll('\r\n', '\n').replaceAll('\r', '\n'),
      },
    ]);
  });

  it('refuses to write an id or event with a line break (a bug, never a client input)', () => {
    expect(() => sseFrame({ id: '1\nretry: 1', data: '' })).toThrow(/id/);
    expect(() => sseFrame({ event: 'a\rid: 9', data: '' })).toThrow(/event/);
    expect(() => sseFrame({ event: 'a\u0000', data: '' })).toThrow(/event/);
  });

  it('keeps an SSE client on the real cursor when a raw payload holds id: and retry: lines', async () => {
    const server = await harness.start();
    const reader = await readSse(`${server.url}/api/sse`);
    harness.defer(() => reader.close());
    await waitFor(() => reader.comments.length > 0, { what: 'the stream to open' });
    const forged = server.publish({ type: 'x', raw: 'x\rid: 999999\rretry: 1\r' });
    const next = server.publish({ type: 'notification' });
    await waitFor(() => reader.events.length === 2, { what: 'both events' });
    expect(reader.events.map((event) => event.id)).toEqual([forged.id, next.id]);
    expect(reader.retry).toBe(1000);

    // Resuming from the cursor the client holds gets exactly what came after it.
    server.drop();
    const missed = server.publish({ type: 'notification' });
    const resumed = await readSse(`${server.url}/api/sse`, {
      headers: { 'Last-Event-ID': reader.events.at(-1)?.id ?? '' },
    });
    harness.defer(() => resumed.close());
    await waitFor(() => resumed.events.length === 1, { what: 'the missed message' });
    expect(resumed.events[0]?.id).toBe(missed.id);
  });
});

describe('MQTT topics', () => {
  const harness = useServer();

  it('refuses topics (given or made from the type) that are not MQTT topic names', async () => {
    const server = await harness.start();
    const bodies = [
      { type: 'n', topic: 'alerts/#' },
      { type: 'n', topic: 'alerts/+/high' },
      { type: 'n', topic: 'alerts\u0000high' },
      { type: 'n', topic: '' },
      { type: 'n', topic: 'alerts//high' },
      { type: 'n', topic: '/alerts' },
      { type: 'n', topic: 'alerts/' },
      { type: 'n', topic: 'a\ud800' },
      { type: 'n', topic: 'x'.repeat(65_536) },
      { type: 'n', topic: 42 },
      { type: 'a/#' },
      { type: 'a/+' },
      { type: 'a//b' },
      { type: 'bell\u0007' },
    ];
    for (const body of bodies) {
      expect(() => server.publish(body as never), JSON.stringify(body).slice(0, 60)).toThrow(
        /topic/,
      );
    }
    const response = await postJson(`${server.url}/control/publish`, { type: 'a/#' });
    expect(response.status).toBe(400);
    expect(response.body.error).toContain('notifications/a/#');
    const fine = await postJson(`${server.url}/control/publish`, {
      type: 'moderation',
      topic: 'moderation/alerts/high',
    });
    expect(fine.status).toBe(201);
    expect(server.publish({ type: 'build/passed' }).type).toBe('build/passed');
  });
});

describe('iframe scripts', () => {
  const harness = useServer();

  it('never lets a message close the script, open a comment or end a JS line', async () => {
    const server = await harness.start();
    const controller = new AbortController();
    harness.defer(() => controller.abort());
    const response = await fetch(`${server.url}/iframe/stream`, { signal: controller.signal });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const hostile = '</script><!--<script>\u2028\u2029</SCRIPT>';
    server.publish({ type: hostile, topic: 'x', data: hostile });
    server.publish({ type: 'x', raw: hostile });
    // The open post, the resume protocol's position post and the two messages.
    while (text.split('parent.postMessage(').length < 5 && reader) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const body = text.slice(text.indexOf('-->') + 3);
    // Only the server's own tags: one open and one close per post.
    expect(body.split('<script>').length).toBe(body.split('</script>').length);
    expect(body.toLowerCase().split('<script>')).toHaveLength(5);
    for (const forbidden of ['<!--', '\u2028', '\u2029', '</SCRIPT>']) {
      expect(body).not.toContain(forbidden);
    }
  });
});
