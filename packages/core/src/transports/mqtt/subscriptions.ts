import { TidingsError } from '../../errors';
import type { MqttClientLike, QoS } from './client';
import { TopicRefs } from './topics';

/**
 * Every consumer's topic filters, ref-counted, and the subscriptions the broker holds for the
 * current session: what is wanted and not held is subscribed, what is held and no longer wanted
 * is unsubscribed, whenever either side changes.
 */
export class MqttSubscriptions {
  readonly #topics = new TopicRefs();
  /** Filters (and their QoS) the broker holds for the current session. */
  readonly #subscribed = new Map<string, number>();

  /** The client while connected; nothing is sent to the broker otherwise. */
  readonly #client: () => MqttClientLike | undefined;
  /** Reports a refused or failed subscription to the consumers. */
  readonly #report: (error: TidingsError) => void;

  constructor(client: () => MqttClientLike | undefined, report: (error: TidingsError) => void) {
    this.#client = client;
    this.#report = report;
  }

  /** Takes refs on a consumer's filters; returns the undo. */
  add(filters: string[], qos: QoS): () => void {
    let changed = false;
    for (const filter of filters) changed = this.#topics.add(filter, qos) || changed;
    if (changed) void this.#sync();
    return () => {
      let removed = false;
      for (const filter of filters) removed = this.#topics.remove(filter) || removed;
      if (removed) void this.#sync();
    };
  }

  /** A new connection: without a kept session the broker forgot every subscription. */
  connected(sessionPresent: boolean): Promise<void> {
    if (!sessionPresent) this.#subscribed.clear();
    return this.#sync();
  }

  /** Brings the broker's subscriptions in line with the ref-counts; resolves once acknowledged. */
  #sync(): Promise<void> {
    const client = this.#client();
    if (!client) return Promise.resolve();
    const wanted: Record<string, { qos: QoS }> = {};
    for (const filter of this.#topics.filters()) {
      const qos = this.#topics.qosOf(filter) as QoS;
      if ((this.#subscribed.get(filter) ?? -1) < qos) {
        wanted[filter] = { qos };
        this.#subscribed.set(filter, qos);
      }
    }
    const stale = [...this.#subscribed.keys()].filter((filter) => !this.#topics.has(filter));
    for (const filter of stale) this.#subscribed.delete(filter);
    if (stale.length > 0) client.unsubscribe(stale);
    if (Object.keys(wanted).length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      client.subscribe(wanted, (error, granted) => {
        if (error) {
          for (const filter of Object.keys(wanted)) this.#subscribed.delete(filter);
          this.#report(
            new TidingsError('protocol', `MQTT subscribe failed: ${error.message}`, {
              cause: error,
            }),
          );
        }
        for (const grant of granted ?? []) {
          if (grant.qos < 0x80) continue;
          this.#subscribed.delete(grant.topic);
          this.#report(
            new TidingsError(
              'protocol',
              `The broker refused the subscription to "${grant.topic}"`,
              { retryable: false },
            ),
          );
        }
        resolve();
      });
    });
  }
}
