import type { Aedes, Client } from 'aedes';

/** The part of aedes' (async) persistence a forgotten session is cleared from. */
interface SessionStore {
  cleanSubscriptions(client: { id: string }): Promise<void>;
  cleanIncoming?(client: { id: string }): Promise<void>;
  delWill(client: { id: string }): Promise<unknown>;
  outgoingStream(client: { id: string }): AsyncIterable<{ messageId?: number }>;
  outgoingClearMessageId(client: { id: string }, packet: { messageId?: number }): Promise<unknown>;
}

/**
 * Bounds the persistent MQTT sessions (`clean: false`) the broker keeps. aedes keeps every such
 * session, with its subscriptions and a queue of every QoS 1 message published while it is
 * offline, for ever; a story that connects with a new client id on every load would add one per
 * load. Past `max` sessions the one whose client connected longest ago and is offline now is
 * forgotten; `forgetOffline()` (on `reset()`) forgets every offline one.
 */
export class MqttSessions {
  /** Client ids of persistent sessions, oldest connection first. */
  readonly #ids = new Set<string>();
  #work: Promise<void> = Promise.resolve();

  constructor(
    private readonly broker: Aedes,
    private readonly max: number,
  ) {
    broker.on('client', (client: Client) => {
      this.#ids.delete(client.id);
      // A clean session replaces (and aedes wipes) any session its id had.
      if (!client.clean) this.#ids.add(client.id);
      this.#enforce();
    });
    broker.on('clientDisconnect', () => this.#enforce());
  }

  /** Persistent sessions held now, online or offline. */
  get size(): number {
    return this.#ids.size;
  }

  /** Forgets every session whose client is offline; settles when the broker has let go of them. */
  forgetOffline(): Promise<void> {
    for (const id of [...this.#ids]) if (!this.#online(id)) this.#forget(id);
    return this.#work;
  }

  /** Settles once every forgetting started so far is done (tests wait on it). */
  settled(): Promise<void> {
    return this.#work;
  }

  #online(id: string): boolean {
    return id in (this.broker as unknown as { clients: Record<string, unknown> }).clients;
  }

  #enforce(): void {
    for (const id of this.#ids) {
      if (this.#ids.size <= this.max) return;
      if (!this.#online(id)) this.#forget(id);
    }
  }

  #forget(id: string): void {
    this.#ids.delete(id);
    const store = (this.broker as unknown as { persistence: SessionStore }).persistence;
    const client = { id };
    this.#work = this.#work.then(async () => {
      try {
        await store.cleanSubscriptions(client);
        await store.cleanIncoming?.(client);
        await store.delWill(client);
        // The memory store has no "drop the queue": clear what it streams, one packet at a time.
        for await (const packet of store.outgoingStream(client)) {
          await store.outgoingClearMessageId(client, packet);
        }
      } catch (error) {
        console.error(`tidings-mock: could not forget MQTT session ${id}`, error);
      }
    });
  }
}
