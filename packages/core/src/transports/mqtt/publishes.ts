import { TidingsError } from '../../errors';
import {
  closedReason,
  fail,
  Outbox,
  type OutboxEntry,
  type OutboxOwner,
  pendingReceipt,
  refusedReceipt,
  type SendReceipt,
  unsentError,
} from '../common/outbox';
import type { MqttClientLike, QoS } from './client';

/** One accepted publish: queued until connack, then in flight until written (QoS 0) or acked. */
export interface Outgoing extends OutboxEntry {
  readonly message: { topic: string; payload: unknown };
  readonly body: string | Uint8Array;
  readonly options: { qos: QoS; retain?: boolean };
  resolve(): void;
}

/**
 * A wire's publishes: queued until connack, then in flight until written (QoS 0) or acknowledged
 * (QoS 1, 2). In-flight ones outlive a dropped connection, since the reopened client resends them
 * from its stores; they fail only when the client is gone for good.
 */
export class MqttPublishes {
  readonly #outbox = new Outbox<Outgoing>();
  /** Publishes handed to mqtt.js and not yet written (QoS 0) or acked (QoS 1, 2). */
  readonly #inflight = new Set<Outgoing>();

  /** Publishes now on a connected `client`; otherwise queues up to `limit` for `owner`. */
  accept(
    client: MqttClientLike | undefined,
    owner: OutboxOwner,
    message: Outgoing['message'],
    body: string | Uint8Array,
    options: Outgoing['options'],
    limit: number,
  ): SendReceipt {
    if (!client && limit <= 0) {
      return refusedReceipt(
        unsentError([message], 'the client is not connected and queueing is off (queue: false)'),
      );
    }
    const pending = pendingReceipt<void>(client ? 'sent' : 'queued');
    const item: Outgoing = { owner, message, body, options, ...pending };
    if (client) this.#send(client, item);
    else this.#outbox.push(item, limit);
    return pending.receipt;
  }

  /** Writes every queued publish, in order (on connack). */
  flush(client: MqttClientLike): void {
    for (let item = this.#outbox.peek(); item !== undefined; item = this.#outbox.peek()) {
      this.#outbox.shift();
      this.#send(client, item);
    }
  }

  /**
   * Takes back what `owner` queued, reported `unsent`. While the client lives on (`closedBy` is
   * absent) its publishes in flight complete; once the wire closed for good they fail too.
   */
  forget(owner: OutboxOwner, closedBy?: { error: TidingsError | null }): void {
    if (!closedBy) {
      this.#outbox.forget(owner, closedReason(null).reason);
      return;
    }
    const { reason, cause } = closedReason(closedBy.error);
    this.#outbox.forget(owner, reason, cause);
    const unacked = this.#takeInflight(owner);
    if (unacked.length > 0) {
      fail(owner, unacked, `${reason} before the broker confirmed them`, cause);
    }
  }

  /** Nothing still waiting will be sent: every queued and unconfirmed publish is settled. */
  failAll(reason: string, cause: TidingsError | null): void {
    this.#outbox.failAll(reason, cause);
    for (const owner of new Set([...this.#inflight].map((item) => item.owner))) {
      fail(
        owner,
        this.#takeInflight(owner),
        'they were written but the channel closed before the broker confirmed them',
        cause,
      );
    }
  }

  #takeInflight(owner: OutboxOwner): Outgoing[] {
    const mine = [...this.#inflight].filter((item) => item.owner === owner);
    for (const item of mine) this.#inflight.delete(item);
    return mine;
  }

  #send(client: MqttClientLike, item: Outgoing): void {
    this.#inflight.add(item);
    client.publish(item.message.topic, item.body, item.options, (error) => {
      // Already settled (the wire closed for good and reported it).
      if (!this.#inflight.delete(item)) return;
      if (!error) {
        item.resolve();
        return;
      }
      // A QoS 0 publish the connection dropped before writing, or one mqtt.js gave up on.
      const cause = new TidingsError('network', `MQTT publish failed: ${error.message}`, {
        cause: error,
      });
      fail(item.owner, [item], `publish("${item.message.topic}") did not reach the broker`, cause);
    });
  }
}
