import type { Aedes, AedesPublishPacket, Client, ConnectPacket } from 'aedes';
import { wirePayload } from './log';
import type { MqttPositions } from './log/mqttPositions';
import type { OrderedLog } from './log/orderedLog';
import { topicMatches, topicOf } from './mqttTopic';
import type { MockMessage } from './types';

/** A persistent client on this node, from its CONNECT until it goes. */
interface Resumption {
  /** Its position in Redis, read as it connects. */
  position: Promise<number | undefined>;
  started: boolean;
  /** Once the replay has caught up: live log messages above `highWater` go through. */
  live: boolean;
  highWater: number;
}

const QOS_1 = 1 as const;

/**
 * Whether a kept session queues `topic` for the client: a QoS 1 or 2 subscription matches it. QoS 0
 * subscriptions get nothing queued (and send no acks), so nothing is replayed to them.
 */
const queuedFor = (client: Client, topic: string): boolean =>
  subscriptionsOf(client).some(([filter, qos]) => qos > 0 && topicMatches(filter, topic));

/** The client's subscriptions on this broker now, filter → QoS (aedes does not type them). */
const subscriptionsOf = (client: Client): Array<[filter: string, qos: number]> =>
  Object.entries(
    (client as unknown as { subscriptions: Record<string, { qos: number }> }).subscriptions,
  ).map(([filter, { qos }]) => [filter, qos]);

/** The part of aedes' (async) persistence a held-back packet is cleared from. */
interface OutgoingStore {
  outgoingUpdate(client: { id: string }, packet: object): Promise<unknown>;
  outgoingClearMessageId(client: { id: string }, packet: { messageId?: number }): Promise<unknown>;
}

/** Stands for "this very packet" while it is cleared: MQTT packet ids are 1 to 65535. */
const CLEARING = -1;

/**
 * aedes queues every QoS 1 publish for each persistent subscriber before delivering it, and clears
 * a packet `authorizeForward` held back by its packet id; a live packet has none yet, so the store
 * would clear the first unnumbered packet of the queue, which may be a replayed one still on its
 * way (whose delivery would then fail, and cut the client). Such a packet is cleared by its own
 * broker counter instead.
 */
function clearHeldBackExactly(broker: Aedes): void {
  const store = (broker as unknown as { persistence: OutgoingStore }).persistence;
  const clear = store.outgoingClearMessageId.bind(store);
  store.outgoingClearMessageId = async (client, packet) => {
    if (packet.messageId !== undefined) return clear(client, packet);
    try {
      // The memory store numbers the queued packet with this broker counter, then clears it.
      await store.outgoingUpdate(client, { ...packet, messageId: CLEARING });
    } catch {
      return undefined; // not queued (a session forgotten meanwhile): nothing to clear
    }
    return clear(client, { messageId: CLEARING });
  };
}

/**
 * Persistent MQTT sessions (`clean: false`) that follow their client from node to node, on a log
 * shared through Redis. aedes keeps a session in its node's memory only, so a client whose node
 * died would find none on the next one, and what was published while it moved would be lost.
 *
 * Instead the position of each session is kept in Redis: the newest log id its client
 * acknowledged. When a persistent client connects (to any node, its old one too), live log
 * messages are held back from it while the node replays, straight to that client, every message
 * after its position that matches its subscriptions, from the node's mirror of the log; once the
 * mirror has nothing newer, live messages above the last one replayed go through. The mirror is
 * fed by the node's one log reader, as live delivery is, so replay and live meet exactly: nothing
 * in between is lost, nothing is sent twice, and the order is the log's.
 */
export class MqttResume {
  /** The log id of each payload this node publishes, live or replayed (aedes keeps the buffer). */
  readonly #ids = new WeakMap<Buffer, number>();
  readonly #replayed = new WeakSet<Buffer>();
  readonly #clients = new WeakMap<Client, Resumption>();

  constructor(
    private readonly log: OrderedLog,
    private readonly positions: MqttPositions,
  ) {}

  /** The payload of a log message, remembered so that its forwards and acks name the message. */
  payloadOf(message: MockMessage): Buffer {
    const payload = Buffer.from(wirePayload(message));
    this.#ids.set(payload, Number(message.id));
    return payload;
  }

  /** Follows the broker's clients: their connects, subscriptions and acks. */
  attach(broker: Aedes): void {
    clearHeldBackExactly(broker);
    broker.on('clientReady', (client) => {
      if (client.clean) {
        // A clean session replaces the kept one, on every node; only once it is accepted, so a
        // refused CONNECT (no or a wrong password) cannot wipe another client's session.
        this.positions.forget(client.id).catch((error: unknown) => {
          console.error(`tidings-mock: could not forget MQTT session ${client.id}`, error);
        });
        return;
      }
      // A session this node still held: its subscriptions are back without a SUBSCRIBE.
      if (subscriptionsOf(client).length > 0) this.#start(client);
    });
    broker.on('subscribe', (_subscriptions, client) => this.#start(client));
    broker.on('ack', (packet, client) => {
      // A clean client's acks carry no packet: aedes stores none for it.
      const id =
        packet && 'payload' in packet ? this.#ids.get(packet.payload as Buffer) : undefined;
      if (id === undefined || !this.#clients.has(client)) return;
      this.positions.advance(client.id, id).catch((error: unknown) => {
        console.error(`tidings-mock: could not keep MQTT session ${client.id}'s position`, error);
      });
    });
  }

  /** aedes' `preConnect`: a persistent client is held back from live messages from its CONNECT. */
  preConnect(client: Client, packet: ConnectPacket): void {
    const { clientId } = packet;
    // A clean session's kept position is forgotten once it is accepted (`clientReady`).
    if (!clientId || packet.clean) return;
    this.#clients.set(client, {
      position: this.positions.get(clientId).catch((error: unknown) => {
        console.error(`tidings-mock: could not read MQTT session ${clientId}'s position`, error);
        return undefined;
      }),
      started: false,
      live: false,
      highWater: 0,
    });
  }

  /** aedes' `authorizeForward`: holds live log messages back from a client while it replays. */
  authorizeForward(client: Client, packet: AedesPublishPacket): AedesPublishPacket | null {
    const id = this.#ids.get(packet.payload as Buffer);
    const resumption = this.#clients.get(client);
    // Client publishes relayed by the broker are not in the log: they go as they always did.
    if (id === undefined || resumption === undefined) return packet;
    if (this.#replayed.has(packet.payload as Buffer)) return packet;
    // QoS 0 subscriptions are live only, as in any kept session: never held back, never replayed.
    if (!queuedFor(client, packet.topic)) return packet;
    // Held back while replaying (the replay sends it), and never one the replay sent.
    return resumption.live && id > resumption.highWater ? packet : null;
  }

  #start(client: Client): void {
    const resumption = this.#clients.get(client);
    if (!resumption || resumption.started) return;
    resumption.started = true;
    // A session no node has seen starts at its first subscription, as on a single broker.
    const now = this.log.lastIssued;
    this.#replay(client, resumption, now).catch((error: unknown) => {
      console.error(`tidings-mock: MQTT replay to ${client.id} failed`, error);
      client.close();
    });
  }

  async #replay(client: Client, resumption: Resumption, now: number): Promise<void> {
    const position = await resumption.position;
    if (position === undefined) {
      await this.positions.start(client.id, now).catch((error: unknown) => {
        console.error(`tidings-mock: could not keep MQTT session ${client.id}'s position`, error);
      });
    }
    // A position another node gave may be ahead of this node's reader: wait for it to get there.
    await this.log.caughtUp?.().catch(() => {});
    let considered = position ?? now;
    for (;;) {
      // Below the mirror's floor `after` answers all it holds: what is gone is gone (no reset in MQTT).
      const batch = this.log.after(considered);
      if (batch.length === 0) break;
      for (const message of batch) {
        if (client.closed) return;
        considered = Number(message.id);
        const topic = topicOf(message);
        if (queuedFor(client, topic)) {
          await this.#send(client, message, topic);
        }
      }
    }
    // Synchronously after the mirror had nothing newer: every later message comes live.
    resumption.highWater = this.log.lastIssued;
    resumption.live = true;
  }

  #send(client: Client, message: MockMessage, topic: string): Promise<void> {
    const payload = this.payloadOf(message);
    this.#replayed.add(payload);
    const packet = {
      cmd: 'publish' as const,
      topic,
      payload,
      qos: QOS_1,
      retain: false,
      dup: false,
    };
    return new Promise((resolve, reject) => {
      client.publish(packet, (error) => (error ? reject(error) : resolve()));
    });
  }
}
