import type { Stats } from './stats';
import type { TransportName } from './types';

/**
 * What a connection's credential is before its client presented one (an MQTT socket before its
 * CONNECT): a rotation leaves it alone, since the credential is checked when it arrives.
 */
export const NOT_PRESENTED: unique symbol = Symbol('credential not presented yet');

interface Connection {
  drop: () => void;
  release: () => void;
  /** The credential it was opened with (read when tokens rotate: MQTT learns it after opening). */
  credential: () => unknown;
}

/** Every live connection of every transport, so that `drop()` can cut them all at once. */
export class Live {
  #connections = new Set<Connection>();

  constructor(
    private readonly stats: Stats,
    /** How long the (hostile) network lets a connection live; undefined: for ever. */
    private readonly lifetime: () => number | undefined = () => undefined,
  ) {}

  /**
   * Registers an open connection with the function that cuts it and the credential it was opened
   * with. Returns the release function to call when the connection ends on its own (idempotent).
   */
  open(transport: TransportName, drop: () => void, credential: () => unknown): () => void {
    const closeStat = this.stats.open(transport);
    const lifetime = this.lifetime();
    const cut =
      lifetime === undefined
        ? undefined
        : setTimeout(() => {
            connection.drop();
            connection.release();
          }, lifetime);
    const connection: Connection = {
      drop,
      credential,
      release: () => {
        clearTimeout(cut);
        this.#connections.delete(connection);
        closeStat();
      },
    };
    this.#connections.add(connection);
    return connection.release;
  }

  /** Cuts every connection, as a network fault would (`drop()`). */
  dropAll(): void {
    this.#cut(() => true);
  }

  /**
   * Cuts the connections whose credential `refused` says is no longer good (tokens rotated); one
   * that has presented none yet is left alone.
   */
  dropWhere(refused: (credential: unknown) => boolean): void {
    this.#cut(({ credential }) => {
      const presented = credential();
      return presented !== NOT_PRESENTED && refused(presented);
    });
  }

  #cut(which: (connection: Connection) => boolean): void {
    // Released at once: a cut connection is closed for the stats even before its socket says so.
    for (const connection of [...this.#connections]) {
      if (!which(connection)) continue;
      connection.drop();
      connection.release();
    }
  }
}
