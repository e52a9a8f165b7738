import type { TidingsError } from '../../errors';
import { MqttClientLifecycle, type MqttClientLike } from './client';
import { MqttPublishes } from './publishes';
import { MqttSubscriptions } from './subscriptions';

/**
 * What an MQTT wire keeps across attempts: one mqtt.js client per broker+credentials (reopened
 * with its stores, so QoS 1/2 publishes in flight complete instead of failing), the topic
 * ref-counts of every consumer (re-subscribed where the broker's session lacks them), and the
 * publishes queued until open. Each attempt's driver works on it.
 */
export class MqttSession {
  readonly client = new MqttClientLifecycle();
  readonly subscriptions = new MqttSubscriptions(
    () => this.connectedClient,
    (error) => this.#report(error),
  );
  readonly publishes = new MqttPublishes();
  /** The client while connected (connack seen): publishes go straight to it. */
  connectedClient: MqttClientLike | undefined;
  /** Reports to the consumers through the current attempt (stale attempts are ignored). */
  #report: (error: TidingsError) => void = () => {};

  /** Called by the driver on connack; resolves once the subscriptions are acknowledged. */
  connected(
    client: MqttClientLike,
    sessionPresent: boolean,
    report: (error: TidingsError) => void,
  ): Promise<void> {
    this.connectedClient = client;
    this.#report = report;
    const ready = this.subscriptions.connected(sessionPresent);
    this.publishes.flush(client);
    return ready;
  }

  /** Every attempt's teardown: the connection drops; the client and its stores stay. */
  disconnected(): void {
    this.connectedClient = undefined;
    this.client.drop();
  }

  /** The wire stops: the client is ended for good. */
  end(): void {
    this.connectedClient = undefined;
    this.client.end();
  }
}
