import { Wire, type WireOptions } from '../../wire';
import { closedReason, type OutboxOwner, type SendReceipt } from '../common/outbox';
import { notConnectedReceipt } from '../common/send';
import type { MqttConnectConfig, QoS } from './client';
import { mqttDriver } from './driver';
import type { Outgoing } from './publishes';
import { MqttSession } from './session';

/** An MQTT wire: its session (client, topic refs, publish queue) outlives every attempt. */
export class MqttWire extends Wire {
  readonly #session: MqttSession;

  constructor(config: MqttConnectConfig, env: Wire['env'], options: WireOptions) {
    const session = new MqttSession();
    super(mqttDriver(config, session), env, options);
    this.#session = session;
  }

  /** Takes refs on a consumer's filters; returns the undo. */
  addFilters(filters: string[], qos: QoS): () => void {
    return this.#session.subscriptions.add(filters, qos);
  }

  /** Publishes now when connected; otherwise queues up to `limit` for `owner` until connack. */
  publish(
    owner: OutboxOwner,
    message: Outgoing['message'],
    body: string | Uint8Array,
    options: Outgoing['options'],
    limit: number,
  ): SendReceipt {
    if (!this.isRunning) return notConnectedReceipt(message, 'MQTT');
    const { connectedClient, publishes } = this.#session;
    return publishes.accept(connectedClient, owner, message, body, options, limit);
  }

  /**
   * Takes back what `owner` queued, reported `unsent`: its channel left before connack, or the
   * wire closed for good. Its publishes in flight complete while the client lives on.
   */
  forget(owner: OutboxOwner): void {
    this.#session.publishes.forget(
      owner,
      this.isRunning ? undefined : { error: this.getState().error },
    );
  }

  /** Terminal: the client is ended and nothing still waiting will be sent. */
  override stop(): void {
    // Ended before the attempt's close, which would drop the stream abruptly.
    this.#session.end();
    super.stop();
    const { reason, cause } = closedReason(this.getState().error);
    this.#session.publishes.failAll(reason, cause);
  }
}
