import { describe, expect, it } from 'vitest';
import { postJson, useServer } from './helpers';

describe('/control', () => {
  const harness = useServer();

  it('publishes with 201 and the message', async () => {
    const server = await harness.start();
    const response = await postJson(`${server.url}/control/publish`, {
      type: 'notification',
      data: { title: 'Hi' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: '1', type: 'notification', data: { title: 'Hi' } });
  });

  it('refuses bad input with 400 and an error naming the field', async () => {
    const server = await harness.start();
    const cases: Array<[string, unknown, string]> = [
      ['publish', '{broken', 'JSON'],
      ['publish', { data: 1 }, 'type'],
      ['publish', { type: 'x', raw: 5 }, 'raw'],
      ['publish', { type: 'x', colour: 'red' }, 'colour'],
      ['faults', { status: 200 }, 'status'],
      ['faults', { errorRate: 2 }, 'errorRate'],
      ['faults', { latency: '5' }, 'latency'],
      ['faults', { retryAfter: -1 }, 'retryAfter'],
      ['faults', { closeCode: 1005 }, 'closeCode'],
      ['faults', [], 'object'],
    ];
    for (const [route, body, field] of cases) {
      const response = await postJson(`${server.url}/control/${route}`, body);
      expect(response.status, `${route} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error).toContain(field);
    }
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    const server = await harness.start();
    const unknown = await postJson(`${server.url}/control/explode`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toContain('/control/explode');
    expect((await fetch(`${server.url}/control/publish`)).status).toBe(405);
  });

  it('sets, reads and clears faults; control itself is never faulted', async () => {
    const server = await harness.start();
    const set = await postJson(`${server.url}/control/faults`, { status: 502, retryAfter: 1 });
    expect(set.body).toEqual({ status: 502, retryAfter: 1 });
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(502);
    expect((await fetch(`${server.url}/control/stats`)).status).toBe(200);
    await postJson(`${server.url}/control/faults`, {});
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(200);
  });

  it('drops, resets and reports stats', async () => {
    const server = await harness.start();
    await postJson(`${server.url}/control/publish`, { type: 'notification' });
    await fetch(`${server.url}/api/notifications`);
    expect((await postJson(`${server.url}/control/drop`, {})).status).toBe(200);
    const stats = (await (await fetch(`${server.url}/control/stats`)).json()) as {
      messages: number;
      transports: Record<string, { requests: number }>;
    };
    expect(stats.messages).toBe(1);
    expect(Object.keys(stats.transports).sort()).toEqual(
      ['chat', 'iframe', 'longPoll', 'mqtt', 'poll', 'socketio', 'sse', 'ws'].sort(),
    );
    expect(stats.transports.poll?.requests).toBe(1);
    server.setFaults({ status: 500 });
    expect((await postJson(`${server.url}/control/reset`, {})).status).toBe(200);
    expect(server.stats().messages).toBe(0);
    expect(server.stats().transports.poll.requests).toBe(0);
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(200);
    expect((await postJson(`${server.url}/control/publish`, { type: 'n' })).body.id).toBe('2');
  });
});
