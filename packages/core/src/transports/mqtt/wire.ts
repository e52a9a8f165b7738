import { messageOf, TidingsError } from '../../errors';
import { decodeJson } from '../../parse';
import { type AttemptContext, type Driver, type Frame, Wire, type WireOptions } from '../../wire';
import { type MessageId, readMessageId } from '../common/messageId';
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
import { TopicRefs } from './topics';

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
}

/** One accepted publish: queued until connack, then in flight until written (QoS 0) or acked. */
interface Outgoing extends OutboxEntry {
  readonly message: { topic: string; payload: unknown };
  readonly body: string | Uint8Array;
  readonly options: { qos: QoS; retain?: boolean };
  resolve(): void;
}

/** mqtt.js connack codes that mean "these credentials will never work" (3.1.1: 4, 5; MQTT 5: 0x86, 0x87). */
const AUTH_CODES = new Set([4, 5, 0x86, 0x87]);

/**
 * What an MQTT wire keeps across attempts: one mqtt.js client per broker+credentials, so a
 * reconnect reopens the same client with its stores and QoS 1/2 publishes in flight are resent
 * and complete instead of failing; the topic ref-counts of every consumer, (re)subscribed where
 * the broker's session lacks them; and the publishes queued until open. Each attempt's driver
 * works on it.
 */
class MqttSession {
  readonly topics = new TopicRefs();
  /** The mqtt.js client, created on the first attempt and ended when the wire stops. */
  private client: MqttClientLike | undefined;
  /** The client while connected (connack seen): publishes go straight to it. */
  connectedClient: MqttClientLike | undefined;
  /** Resolves once the client's current stream has closed (a new one must wait for it). */
  private streamClosed: Promise<void> = Promise.resolve();
  private markStreamClosed: () => void = () => {};
  /** Filters (and their QoS) the broker holds for the current session. */
  private readonly subscribed = new Map<string, number>();
  readonly outbox = new Outbox<Outgoing>();
  /** Publishes handed to mqtt.js and not yet written (QoS 0) or acked (QoS 1, 2). */
  readonly inflight = new Set<Outgoing>();
  /** Reports to the consumers through the current attempt (stale attempts are ignored). */
  private report: (error: TidingsError) => void = () => {};

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

  /** Ends the client for good: the wire stops. */
  endClient(): void {
    // Ended before the attempt's close, which would drop the stream abruptly.
    const client = this.client;
    this.client = undefined;
    this.connectedClient = undefined;
    if (client) {
      client.removeAllListeners();
      // mqtt.js may still emit while closing; an unheard "error" would throw.
      client.on('error', () => {});
      // Connected: a clean DISCONNECT, so the broker discards the will (the app left on purpose).
      client.end(client.connected !== true);
    }
  }

  /** Nothing still waiting will be sent: every queued and unconfirmed publish is settled. */
  failAll(reason: string, cause: TidingsError | null): void {
    this.outbox.failAll(reason, cause);
    for (const owner of new Set([...this.inflight].map((item) => item.owner))) {
      this.failInflight(owner, cause);
    }
  }

  /** Settles an owner's publishes written but never confirmed: the client that held them is gone. */
  failInflight(owner: OutboxOwner, cause: TidingsError | null): void {
    const unconfirmed = [...this.inflight].filter((item) => item.owner === owner);
    if (unconfirmed.length === 0) return;
    for (const item of unconfirmed) this.inflight.delete(item);
    fail(
      owner,
      unconfirmed,
      'they were written but the channel closed before the broker confirmed them',
      cause,
    );
  }

  /**
   * Opens the connection of an attempt, once the previous stream has closed: the first attempt
   * creates the client, later ones reopen it with its stores (in-flight publishes are resent).
   */
  async open(mqtt: () => Promise<MqttModuleLike>, config: MqttConnectConfig) {
    const module = await mqtt();
    await this.streamClosed;
    return () => {
      this.streamClosed = new Promise((resolve) => {
        this.markStreamClosed = resolve;
      });
      const existing = this.client;
      if (existing) {
        existing.reconnect({
          incomingStore: existing.incomingStore,
          outgoingStore: existing.outgoingStore,
        });
        return existing;
      }
      const client = module.connect(config.url, config.connectOptions);
      this.client = client;
      // Between attempts no attempt listens; an unheard "error" would throw.
      client.on('error', () => {});
      client.on('close', () => this.markStreamClosed());
      return client;
    };
  }

  /** Called by the driver on connack; resolves once the subscriptions are acknowledged. */
  connected(client: MqttClientLike, sessionPresent: boolean, report: (e: TidingsError) => void) {
    // Without a kept session the broker forgot every subscription: make them all again.
    if (!sessionPresent) this.subscribed.clear();
    this.connectedClient = client;
    this.report = report;
    const ready = this.sync();
    for (let item = this.outbox.peek(); item !== undefined; item = this.outbox.peek()) {
      this.outbox.shift();
      this.send(client, item);
    }
    return ready;
  }

  /**
   * Called on every attempt's teardown: drops the connection if it is still up, keeping the
   * client and its stores for the next attempt.
   */
  disconnected(): void {
    this.connectedClient = undefined;
    this.client?.stream?.destroy();
  }

  /** Brings the broker's subscriptions in line with the ref-counts. */
  private sync(): Promise<void> {
    const client = this.connectedClient;
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

  send(client: MqttClientLike, item: Outgoing): void {
    this.inflight.add(item);
    client.publish(item.message.topic, item.body, item.options, (error) => {
      // Already settled (the wire closed for good and reported it).
      if (!this.inflight.delete(item)) return;
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

/** An MQTT wire: its session (client, topic refs, publish queue) outlives every attempt. */
export class MqttWire extends Wire {
  private readonly session: MqttSession;

  constructor(config: MqttConnectConfig, env: Wire['env'], options: WireOptions) {
    const session = new MqttSession();
    super(mqttDriver(config, session), env, options);
    this.session = session;
  }

  /** Takes refs on a consumer's filters; returns the undo. */
  addFilters(filters: string[], qos: QoS): () => void {
    return this.session.addFilters(filters, qos);
  }

  /** Publishes now when connected; otherwise queues up to `limit` for `owner` until connack. */
  publish(
    owner: OutboxOwner,
    message: Outgoing['message'],
    body: string | Uint8Array,
    options: Outgoing['options'],
    limit: number,
  ): SendReceipt {
    if (!this.isRunning) {
      return refusedReceipt(unsentError([message], 'the MQTT channel is not connected'));
    }
    const client = this.session.connectedClient;
    if (!client && limit <= 0) {
      return refusedReceipt(
        unsentError([message], 'the client is not connected and queueing is off (queue: false)'),
      );
    }
    const pending = pendingReceipt<void>(client ? 'sent' : 'queued');
    const item: Outgoing = { owner, message, body, options, ...pending };
    if (client) this.session.send(client, item);
    else this.session.outbox.push(item, limit);
    return pending.receipt;
  }

  /**
   * Takes back what `owner` queued, reported `unsent`: its channel left before connack, or the
   * wire closed for good. Its publishes in flight complete while the client lives on.
   */
  forget(owner: OutboxOwner): void {
    if (this.isRunning) {
      const { reason } = closedReason(null);
      this.session.outbox.forget(owner, reason);
      return;
    }
    const { reason, cause } = closedReason(this.getState().error);
    this.session.outbox.forget(owner, reason, cause);
    const unacked = [...this.session.inflight].filter((item) => item.owner === owner);
    for (const item of unacked) this.session.inflight.delete(item);
    if (unacked.length > 0)
      fail(owner, unacked, `${reason} before the broker confirmed them`, cause);
  }

  /** Terminal: the client is ended and nothing still waiting will be sent. */
  override stop(): void {
    this.session.endClient();
    super.stop();
    const { reason, cause } = closedReason(this.getState().error);
    this.session.failAll(reason, cause);
  }
}

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

// `fatal`: a payload that is not UTF-8 is reported, not delivered with U+FFFD in place of bytes.
const decoder = new TextDecoder('utf-8', { fatal: true });

function utf8(payload: Uint8Array): string | undefined {
  try {
    return decoder.decode(payload);
  } catch {
    return undefined;
  }
}

function notUtf8(payload: Uint8Array): Error {
  return new Error(
    `payload of ${payload.byteLength} bytes is not UTF-8 text; pass a parse function to read it`,
  );
}

function mqttDriver(config: MqttConnectConfig, session: MqttSession): Driver {
  return {
    start(context: AttemptContext) {
      let ended = false;
      let unwatch: (() => void) | undefined;
      session.open(config.load, config).then(
        (connect) => {
          if (ended) return;
          let client: MqttClientLike;
          try {
            client = connect();
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
          unwatch = watch(client, config, context, session);
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
      return {
        close: () => {
          ended = true;
          unwatch?.();
          session.disconnected();
        },
      };
    },
  };
}

/** Listens to the client for one attempt; returns the undo. */
function watch(
  client: MqttClientLike,
  config: MqttConnectConfig,
  context: AttemptContext,
  session: MqttSession,
): () => void {
  const onConnect = (connack: { sessionPresent?: boolean }) => {
    void session
      .connected(client, connack.sessionPresent === true, context.report)
      .then(() => context.opened());
  };
  const onMessage = (
    topic: string,
    payload: Uint8Array | string,
    packet: { qos?: number; retain?: boolean },
  ) => {
    const meta = { topic, qos: packet.qos ?? 0, retain: packet.retain === true };
    const raw = typeof payload === 'string' ? payload : utf8(payload);
    if (raw === undefined) {
      // Not text: the bytes go on as they are for a custom parse; the default one reports them.
      const bytes = payload as Uint8Array;
      context.frame({ raw: bytes, meta, json: { ok: false, error: notUtf8(bytes) } });
      return;
    }
    if (!config.messageId) {
      context.frame({ raw, meta });
      return;
    }
    const frame: Frame = { raw, meta, json: decodeJson(raw) };
    frame.id = readMessageId(config.messageId, frame, context);
    context.frame(frame);
  };
  const onError = (error: unknown) => context.fail(mqttError(error));
  const onClose = () =>
    context.fail(new TidingsError('network', `MQTT connection to ${config.url} closed`));
  client.on('connect', onConnect);
  client.on('message', onMessage);
  client.on('error', onError);
  client.on('close', onClose);
  return () => {
    client.off('connect', onConnect);
    client.off('message', onMessage);
    client.off('error', onError);
    client.off('close', onClose);
  };
}
