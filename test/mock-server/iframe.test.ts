import { describe, expect, it } from 'vitest';
import { useServer, waitFor } from './helpers';

describe('GET /iframe/stream', () => {
  const harness = useServer({ heartbeatMs: 30 });

  /** Reads the never-ending HTML response as text as it arrives. */
  async function open(url: string) {
    const controller = new AbortController();
    harness.defer(() => controller.abort());
    const response = await fetch(url, { signal: controller.signal });
    const state = { text: '', status: response.status, headers: response.headers };
    const body = response.body;
    const ended = (async () => {
      if (!body) return 'end';
      const decoder = new TextDecoder();
      try {
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return 'end';
          state.text += decoder.decode(value, { stream: true });
        }
      } catch {
        return 'error';
      }
    })();
    return { state, ended };
  }

  /** The scripts of the page, heartbeats left out (at 30 ms one may come before any message). */
  const scripts = (text: string) =>
    text
      .split('<script>')
      .slice(1)
      .map((part) => part.split('</script>')[0])
      .filter((script) => !script?.includes('"tidings:ping"'));

  it('pads, announces itself, then posts each message to the given origin', async () => {
    const server = await harness.start();
    const { state } = await open(`${server.url}/iframe/stream?origin=http://localhost:6006`);
    expect(state.headers.get('content-type')).toContain('text/html');
    const message = server.publish({ type: 'notification', data: { title: 'Hi' } });
    await waitFor(() => scripts(state.text).length === 2);
    expect(state.text.length).toBeGreaterThan(2048);
    expect(scripts(state.text)).toEqual([
      'parent.postMessage({"type":"tidings:open"}, "http://localhost:6006")',
      `parent.postMessage(${JSON.stringify({ ...message })}, "http://localhost:6006")`,
    ]);
    await waitFor(() => state.text.includes('parent.postMessage({"type":"tidings:ping"}'));
  });

  it('escapes payloads so a message can never close the script', async () => {
    const server = await harness.start();
    const { state } = await open(`${server.url}/iframe/stream`);
    server.publish({ type: 'x', data: { html: '</script><script>alert(1)</script> & \u2028' } });
    server.publish({ type: 'x', raw: '</script>' });
    await waitFor(() => scripts(state.text).length === 3);
    const [, first, second] = scripts(state.text);
    expect(first).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    expect(first).toContain('\\u0026 \\u2028');
    expect(second).toBe('parent.postMessage("\\u003c/script\\u003e", "*")');
    // The literal still evaluates to the original value.
    const literal = first?.slice('parent.postMessage('.length, -', "*")'.length) ?? '';
    expect(JSON.parse(literal).data.html).toBe('</script><script>alert(1)</script> & \u2028');
  });

  it('replays after lastEventId and is cut by drop()', async () => {
    const server = await harness.start();
    for (let index = 0; index < 3; index++) server.publish({ type: 'notification' });
    const { state, ended } = await open(`${server.url}/iframe/stream?lastEventId=1`);
    await waitFor(() => scripts(state.text).length === 3);
    expect(
      scripts(state.text)
        .slice(1)
        .map((script) => script?.includes('"id":"')),
    ).toEqual([true, true]);
    expect(state.text).toContain('"id":"2"');
    expect(state.text).toContain('"id":"3"');
    expect(state.text).not.toContain('"id":"1"');
    server.drop();
    expect(await ended).toBe('error');
    expect(server.stats().transports.iframe).toMatchObject({ requests: 1, connections: 0 });
  });

  it('refuses an origin that is not a URL origin', async () => {
    const server = await harness.start();
    const response = await fetch(`${server.url}/iframe/stream?origin=not-a-url`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: expect.stringContaining('origin') });
  });
});
