import { messageOf, TidingsError } from '../../errors';
import type { MessageId } from '../common/messageId';
import { credentialsOf } from '../common/request';

export type QoS = 0 | 1 | 2;

/** The part of an mqtt.js `MqttClient` tidings uses (so a test or another build can stand in). */
export interface MqttClientLike {
  // biome-ignore lint/suspicious/noExplicitAny: mqtt.js and EventEmitter type listeners loosely
  on(event: string, listener: (...args: any[]) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: mqtt.js and EventEmitter type listeners loosely
  off(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  subscribe(
    filters: Record<string, { qos: QoS }>,
    callback: (error?: Error | null, granted?: Array<{ topic: string; qos: number }>) => void,
  ): unknown;
  unsubscribe(filters: string[], callback?: (error?: Error) => void): unknown;
  publish(
    topic: string,
    payload: string | Uint8Array,
    options: { qos: QoS; retain?: boolean },
    callback: (error?: Error) => void,
  ): unknown;
  end(force?: boolean): unknown;
  /** Whether the client is connected now (connack seen, stream up). */
  readonly connected?: boolean;
  /**
   * Opens the same client again. Given its own stores, mqtt.js resends the QoS 1/2 publishes still
   * in them (same packet ids) and calls their callbacks on the broker's ack.
   */
  reconnect(stores: { incomingStore?: unknown; outgoingStore?: unknown }): unknown;
  readonly incomingStore?: unknown;
  readonly outgoingStore?: unknown;
  /** The connection's stream: destroyed to drop a connection without ending the client. */
  readonly stream?: { destroy(): unknown };
  /** mqtt.js builds each CONNECT from these: a reconnect sends the password set here. */
  readonly options?: Record<string, unknown>;
}

/** The part of the `mqtt` module tidings uses. */
export interface MqttModuleLike {
  connect(url: string, options: Record<string, unknown>): MqttClientLike;
}

/** Reads the delivery id of a payload (JSON decoded) or undefined; `false`: none, as by default. */
export type MqttMessageId = MessageId | false;

export interface MqttConnectConfig {
  url: string;
  /** Handed to `mqtt.connect` as they are (clientId, username, clean, protocolVersion, will ...). */
  connectOptions: Record<string, unknown>;
  messageId: MessageId | undefined;
  load: () => Promise<MqttModuleLike>;
  /** The app's password getter, called before every connection. @default the static one, if any */
  password?: (() => string | Promise<string>) | undefined;
}

/**
 * The one mqtt.js client of a wire, across attempts: created on the first, reopened with its own
 * stores on the next (so QoS 1/2 publishes in flight are resent and complete), ended when the wire
 * stops. A new connection waits for the previous stream to close.
 */
export class MqttClientLifecycle {
  /** The mqtt.js client, created on the first attempt and ended when the wire stops. */
  #client: MqttClientLike | undefined;
  /** Resolves once the client's current stream has closed (a new one must wait for it). */
  #streamClosed: Promise<void> = Promise.resolve();
  #markStreamClosed: () => void = () => {};

  /**
   * Loads mqtt.js and waits for the previous stream to close; the returned function then opens the
   * connection: the first attempt creates the client, later ones reopen it with its stores.
   */
  async open(config: MqttConnectConfig): Promise<() => MqttClientLike> {
    const module = await config.load();
    const password = config.password && (await credentialsOf('password', config.password));
    await this.#streamClosed;
    return () => {
      this.#streamClosed = new Promise((resolve) => {
        this.#markStreamClosed = resolve;
      });
      const existing = this.#client;
      if (existing && password !== undefined && existing.options) {
        existing.options.password = password;
      }
      if (existing) {
        existing.reconnect({
          incomingStore: existing.incomingStore,
          outgoingStore: existing.outgoingStore,
        });
        return existing;
      }
      const client = module.connect(
        config.url,
        password === undefined ? config.connectOptions : { ...config.connectOptions, password },
      );
      this.#client = client;
      // Between attempts no attempt listens; an unheard "error" would throw.
      client.on('error', () => {});
      client.on('close', () => this.#markStreamClosed());
      return client;
    };
  }

  /** Drops the connection if it is still up, keeping the client and its stores. */
  drop(): void {
    this.#client?.stream?.destroy();
  }

  /** Ends the client for good: the wire stops. */
  end(): void {
    const client = this.#client;
    this.#client = undefined;
    if (!client) return;
    client.removeAllListeners();
    // mqtt.js may still emit while closing; an unheard "error" would throw.
    client.on('error', () => {});
    // Connected: a clean DISCONNECT, so the broker discards the will (the app left on purpose).
    client.end(client.connected !== true);
  }
}

/** mqtt.js connack codes that mean "these credentials will never work" (3.1.1: 4, 5; MQTT 5: 0x86, 0x87). */
const AUTH_CODES = new Set([4, 5, 0x86, 0x87]);

/** Classifies an mqtt.js error: refused credentials are final, anything else is retried. */
export function mqttError(error: unknown): TidingsError {
  const message = messageOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && AUTH_CODES.has(code)) {
    return new TidingsError('auth', `MQTT connection refused: ${message}`, {
      status: code,
      retryable: false,
      cause: error,
    });
  }
  if (typeof code === 'number') {
    return new TidingsError('protocol', `MQTT connection refused: ${message}`, {
      status: code,
      cause: error,
    });
  }
  return new TidingsError('network', `MQTT connection failed: ${message}`, { cause: error });
}
