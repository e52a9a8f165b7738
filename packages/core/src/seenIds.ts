/**
 * Remembers the last `capacity` message ids, so a message replayed after a resume (or delivered by
 * two paths at once) reaches the app only once. Bounded: a long-lived connection does not grow.
 */
export class SeenIds {
  readonly #ids = new Set<string>();

  readonly #capacity: number;

  constructor(capacity = 1000) {
    this.#capacity = capacity;
  }

  /** Records `id`; returns false when it was already seen. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) {
      const oldest = this.#ids.values().next().value as string;
      this.#ids.delete(oldest);
    }
    return true;
  }

  clear(): void {
    this.#ids.clear();
  }
}
