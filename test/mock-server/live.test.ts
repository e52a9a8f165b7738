import { describe, expect, it } from 'vitest';
import { Live, NOT_PRESENTED } from '../../packages/mock-server/src/live';
import { Stats } from '../../packages/mock-server/src/stats';

// The registry of live connections that `drop()` and a token rotation cut.

describe('Live.dropWhere (a token rotation)', () => {
  it('cuts the connections whose credential is refused, keeps the others and those with none yet', () => {
    const stats = new Stats();
    const live = new Live(stats);
    const cut: string[] = [];
    live.open(
      'mqtt',
      () => cut.push('before its CONNECT'),
      () => NOT_PRESENTED,
    );
    live.open(
      'ws',
      () => cut.push('expired'),
      () => 'old-token',
    );
    live.open(
      'sse',
      () => cut.push('still accepted'),
      () => 'new-token',
    );

    live.dropWhere((token) => token !== 'new-token');

    expect(cut).toEqual(['expired']);
    const { transports } = stats.snapshot(0, 0);
    expect([
      transports.mqtt.connections,
      transports.ws.connections,
      transports.sse.connections,
    ]).toEqual([1, 0, 1]);
  });

  it('dropAll cuts every connection, credential or not', () => {
    const live = new Live(new Stats());
    const cut: string[] = [];
    live.open(
      'mqtt',
      () => cut.push('before its CONNECT'),
      () => NOT_PRESENTED,
    );
    live.open(
      'ws',
      () => cut.push('with a token'),
      () => 'token',
    );

    live.dropAll();

    expect(cut).toEqual(['before its CONNECT', 'with a token']);
  });
});
