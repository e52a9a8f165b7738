import { createHub } from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import mqtt from 'mqtt';
import { describe, expect, it, vi } from 'vitest';
import { startTcpProxy } from './tcpProxy';

export interface OrderFigures {
  published: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Deliveries whose number is below one already delivered (any topic). */
  outOfOrder: number;
  /** The same, counted within each topic only. */
  outOfOrderInTopic: number;
  reconnects: number;
}

export interface OrderRun {
  /** MQTT over WebSocket URL of the broker, straight (the publisher's way). */
  wsUrl: string;
  /** Port of `wsUrl`, for the proxy the consumer goes through. */
  wsPort: number;
  /** Topics the numbered messages rotate through. */
  topics: number;
  messages: number;
  /** A network cut every this many deliveries. */
  cutEvery: number;
  protocolVersion?: 4 | 5;
}

/**
 * A kept session (clientId, QoS 1) consuming numbered messages through a TCP proxy while another
 * client publishes them at the broker's pace; every `cutEvery` deliveries the proxy resets the
 * consumer's connection (no DISCONNECT) and lets it back in once the channel has noticed. The
 * broker queues what is published during each outage and sends it after the reconnect, while new
 * messages keep coming: how the two interleave is the broker's choice.
 */
export async function measureOrder(run: OrderRun): Promise<OrderFigures> {
  const ns = `tidings-order-${Math.random().toString(36).slice(2, 10)}`;
  const proxy = await startTcpProxy(run.wsPort);
  const consumerUrl = new URL(run.wsUrl);
  consumerUrl.port = String(proxy.port);
  const delivered: Array<{ n: number; topic: string }> = [];
  let opens = 0;
  let down = false;
  const consumer = createMqtt<{ n: number }>(consumerUrl.toString(), {
    hub: createHub(),
    topics: `${ns}/#`,
    clientId: ns,
    qos: 1,
    protocolVersion: run.protocolVersion ?? 4,
    reconnect: { minDelay: 20, maxDelay: 100 },
    notify: 'sync',
    // Dedupe by the message's own number, so duplicates are counted after tidings' dedupe.
    messageId: (payload) => String((payload as { n: number }).n),
    onOpen: () => opens++,
    onMessage: ({ topic, payload }) => {
      delivered.push({ n: payload.n, topic });
      if (delivered.length % run.cutEvery === 0 && delivered.length < run.messages) {
        down = true;
        proxy.cut();
      }
    },
  });
  const stopWatching = consumer.subscribe(() => {
    if (down && consumer.getState().status === 'reconnecting') {
      down = false;
      proxy.restore();
    }
  });
  const publisher = await mqtt.connectAsync(run.wsUrl, {
    protocolVersion: run.protocolVersion ?? 4,
    reconnectPeriod: 0,
  });
  try {
    consumer.connect();
    await vi.waitFor(() => expect(consumer.getState().status).toBe('open'), { timeout: 10_000 });
    for (let n = 0; n < run.messages; n++) {
      await publisher.publishAsync(`${ns}/t${n % run.topics}`, JSON.stringify({ n }), { qos: 1 });
    }
    await vi.waitFor(() => expect(new Set(delivered.map((d) => d.n)).size).toBe(run.messages), {
      timeout: 60_000,
    });
    return figures(run.messages, delivered, opens - 1);
  } finally {
    stopWatching();
    consumer.close();
    await publisher.endAsync();
    await proxy.close();
  }
}

function figures(
  published: number,
  delivered: Array<{ n: number; topic: string }>,
  reconnects: number,
): OrderFigures {
  const seen = new Set<number>();
  let duplicated = 0;
  let outOfOrder = 0;
  let outOfOrderInTopic = 0;
  let highest = -1;
  const highestInTopic = new Map<string, number>();
  for (const { n, topic } of delivered) {
    if (seen.has(n)) duplicated++;
    seen.add(n);
    if (n < highest) outOfOrder++;
    highest = Math.max(highest, n);
    const inTopic = highestInTopic.get(topic) ?? -1;
    if (n < inTopic) outOfOrderInTopic++;
    highestInTopic.set(topic, Math.max(inTopic, n));
  }
  return {
    published,
    delivered: delivered.length,
    lost: published - seen.size,
    duplicated,
    outOfOrder,
    outOfOrderInTopic,
    reconnects,
  };
}

/**
 * A kept session across repeated cuts while messages keep coming: nothing lost or duplicated on
 * any broker; with `keepsOrder`, the broker's resumed queue and live messages arrive in one order.
 */
export function describeOrder(
  name: string,
  broker: () => { wsUrl: string; wsPort: number },
  { keepsOrder, protocolVersion = 4 }: { keepsOrder: boolean; protocolVersion?: 4 | 5 },
) {
  describe(`createMqtt kept session under repeated cuts on ${name}`, () => {
    for (const topics of [1, 4]) {
      it(`500 numbered messages on ${topics} topic(s), a cut every 50: none lost or duplicated${keepsOrder ? ', in order' : ''}`, async () => {
        const { wsUrl, wsPort } = broker();
        const figures = await measureOrder({
          wsUrl,
          wsPort,
          topics,
          messages: 500,
          cutEvery: 50,
          protocolVersion,
        });
        expect(figures).toMatchObject({ lost: 0, duplicated: 0 });
        expect(figures.reconnects).toBeGreaterThanOrEqual(5);
        if (keepsOrder) expect(figures).toMatchObject({ outOfOrder: 0, outOfOrderInTopic: 0 });
      }, 60_000);
    }
  });
}
