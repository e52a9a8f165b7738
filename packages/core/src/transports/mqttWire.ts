import { TidingsError } from '../errors';
import { type MessageId, readMessageId } from '../messageId';
import { decodeJson } from '../parse';
import { type AttemptContext, type Driver, type Frame, Wire, type WireOptions } from '../wire';
import { TopicRefs } from './mqttTopics';

export type QoS = 0 | 1 | 2;

/** The part of an mqtt.js `MqttClient` tidings uses (so a test or another build can stand in). */
export interface MqttClientLike {
  // biome-ignore lint/suspicious/noExplicitAny: mqtt.js and EventEmitter type listeners loosely
  on(event: string, listener: (...args: any[]) => void): unknown;
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
}

/** The part of the `mqtt` module tidings uses. */
export interface MqttModuleLike {
  connect(url: string, options: Record<string, unknown>): MqttClientLike;
}

/** Reads the delivery id of a payload (JSON decoded) or undefined; `false`: none, as by default. */
export type MqttMessageId = MessageId | false;

export interface MqttConnectConfig {
  url: string;
  /** Handed to `mqtt.connect` as they are (clientId, username, clean, protocolVersion ...). */
  connectOptions: Record<string, unknown>;
  messageId: MessageId | undefined;
  load: () => Promise<MqttModuleLike>;
}

interface Outgoing {
  topic: string;
  payload: string | Uint8Array;
  options: { qos: QoS; retain?: boolean };
  resolve(): void;
  reject(error: TidingsError): void;
}

/** Publishes waiting for an open connection, bounded like the WebSocket send queue. */
const QUEUE_LIMIT = 100;
/** mqtt.js connack codes that mean "these credentials will never work" (3.1.1: 4, 5; MQTT 5: 0x86, 0x87). */
const AUTH_CODES = new Set([4, 5, 0x86, 0x87]);

/**
 * One MQTT client per broker+credentials. Keeps the topic ref-counts of every consumer across
 * attempts, (re)subscribes what the broker's session lacks, and queues publishes until open.
 */
export class MqttWire extends Wire {
  readonly topics = new TopicRefs();
  private client: MqttClientLike | undefined;
  /** Filters (and their QoS) the broker holds for the current session. */
  private readonly subscribed = new Map<string, number>();
  private readonly queue: Outgoing[] = [];
  /** Sent publishes awaiting their ack, with the client that sent them. */
  private readonly inflight = new Map<Outgoing, MqttClientLike>();
  /** Reports to the consumers through the current attempt (stale attempts are ignored). */
  private report: (error: TidingsError) => void = () => {};

  constructor(config: MqttConnectConfig, env: Wire['env'], options: WireOptions) {
    super(
      mqttDriver(config, () => this as MqttWire),
      env,
      options,
    );
    // A wire that closes for good (stop, a non-retried error) must not leave publishes pending.
    this.listen({
      state: (state) => {
        if (state.status === 'closed') this.rejectQueued('the MQTT channel closed');
      },
      opened: () => {},
      frame: () => {},
      report: () => {},
      shouldReconnect: () => true,
    });
  }

  /** Takes refs on a consumer's filters; returns the undo. */
  addFilters(filters: string[], qos: QoS): () => void {
    let changed = false;
    for (const filter of filters) changed = this.topics.add(filter, qos) || changed;
    if (changed) void this.sync();
    return () => {
      let removed = false;
      for (const filter of filters) removed = this.topics.remove(filter) || removed;
      if (removed) void this.sync();
    };
  }

  publish(topic: string, payload: string | Uint8Array, options: Outgoing['options']) {
    return new Promise<void>((resolve, reject) => {
      const item: Outgoing = { topic, payload, options, resolve, reject };
      if (this.client) this.send(this.client, item);
      else if (this.queue.length >= QUEUE_LIMIT) {
        reject(
          new TidingsError(
            'network',
            `publish("${topic}"): the queue of ${QUEUE_LIMIT} waiting messages is full`,
          ),
        );
      } else this.queue.push(item);
    });
  }

  /** Called by the driver on connack; resolves once the subscriptions are acknowledged. */
  connected(client: MqttClientLike, sessionPresent: boolean, report: (e: TidingsError) => void) {
    // Without a kept session the broker forgot every subscription: make them all again.
    if (!sessionPresent) this.subscribed.clear();
    this.client = client;
    this.report = report;
    const ready = this.sync();
    for (const item of this.queue.splice(0)) this.send(client, item);
    return ready;
  }

  /** Called on every attempt's teardown: publishes it sent but the broker never acked fail. */
  disconnected(client: MqttClientLike | undefined): void {
    if (client && this.client === client) this.client = undefined;
    for (const [item, sentOn] of this.inflight) {
      if (sentOn !== client) continue;
      this.inflight.delete(item);
      // mqtt.js keeps a kept session's unacked callbacks forever; settle them here instead.
      item.reject(
        new TidingsError(
          'network',
          `publish("${item.topic}"): the connection closed before the broker's ack`,
        ),
      );
    }
  }

  /** Brings the broker's subscriptions in line with the ref-counts. */
  private sync(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.resolve();
    const wanted: Record<string, { qos: QoS }> = {};
    for (const filter of this.topics.filters()) {
      const qos = this.topics.qosOf(filter) as QoS;
      if ((this.subscribed.get(filter) ?? -1) < qos) {
        wanted[filter] = { qos };
        this.subscribed.set(filter, qos);
      }
    }
    const stale = [...this.subscribed.keys()].filter((filter) => !this.topics.has(filter));
    for (const filter of stale) this.subscribed.delete(filter);
    if (stale.length > 0) client.unsubscribe(stale);
    if (Object.keys(wanted).length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      client.subscribe(wanted, (error, granted) => {
        if (error) {
          for (const filter of Object.keys(wanted)) this.subscribed.delete(filter);
          this.report(
            new TidingsError('protocol', `MQTT subscribe failed: ${error.message}`, {
              cause: error,
            }),
          );
        }
        for (const grant of granted ?? []) {
          if (grant.qos < 0x80) continue;
          this.subscribed.delete(grant.topic);
          this.report(
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

  private send(client: MqttClientLike, item: Outgoing): void {
    this.inflight.set(item, client);
    client.publish(item.topic, item.payload, item.options, (error) => {
      if (!this.inflight.delete(item)) return;
      if (!error) item.resolve();
      else
        item.reject(
          new TidingsError('network', `publish("${item.topic}") failed: ${error.message}`, {
            cause: error,
          }),
        );
    });
  }

  private rejectQueued(reason: string): void {
    for (const item of this.queue.splice(0)) {
      item.reject(new TidingsError('network', `publish("${item.topic}") was not sent: ${reason}`));
    }
  }
}

/** Classifies an mqtt.js error: refused credentials are final, anything else is retried. */
export function mqttError(error: unknown): TidingsError {
  const message = error instanceof Error ? error.message : String(error);
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

const decoder = new TextDecoder();

function mqttDriver(config: MqttConnectConfig, wire: () => MqttWire): Driver {
  return {
    start(context: AttemptContext) {
      let ended = false;
      let client: MqttClientLike | undefined;
      config.load().then(
        (mqtt) => {
          if (ended) return;
          try {
            client = mqtt.connect(config.url, config.connectOptions);
          } catch (cause) {
            context.fail(
              new TidingsError(
                'config',
                `mqtt.connect rejected "${config.url}": ${String(cause)}`,
                { cause, retryable: false },
              ),
            );
            return;
          }
          watch(client, config, context, wire());
        },
        (cause) => {
          context.fail(
            new TidingsError('config', 'createMqtt needs the "mqtt" package: npm install mqtt', {
              cause,
              retryable: false,
            }),
          );
        },
      );
      return () => {
        ended = true;
        wire().disconnected(client);
        if (!client) return;
        client.removeAllListeners();
        // mqtt.js may still emit while closing; an unheard "error" would throw.
        client.on('error', () => {});
        client.end(true);
      };
    },
  };
}

function watch(
  client: MqttClientLike,
  config: MqttConnectConfig,
  context: AttemptContext,
  wire: MqttWire,
): void {
  client.on('connect', (connack: { sessionPresent?: boolean }) => {
    void wire
      .connected(client, connack.sessionPresent === true, context.report)
      .then(() => context.opened());
  });
  client.on(
    'message',
    (topic: string, payload: Uint8Array | string, packet: { qos?: number; retain?: boolean }) => {
      const raw = typeof payload === 'string' ? payload : decoder.decode(payload);
      const meta = { topic, qos: packet.qos ?? 0, retain: packet.retain === true };
      if (!config.messageId) {
        context.frame({ raw, meta });
        return;
      }
      const frame: Frame = { raw, meta, json: decodeJson(raw) };
      frame.id = readMessageId(config.messageId, frame, context);
      context.frame(frame);
    },
  );
  client.on('error', (error: unknown) => context.fail(mqttError(error)));
  client.on('close', () =>
    context.fail(new TidingsError('network', `MQTT connection to ${config.url} closed`)),
  );
}
