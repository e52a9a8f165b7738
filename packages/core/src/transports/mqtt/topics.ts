/**
 * MQTT topic filters: matching (`+` one level, `#` this level and every level below) and the
 * ref-counts that let many consumers share one client's subscriptions.
 */

/** True when `topic` matches `filter` per MQTT 3.1.1 §4.7 / MQTT 5 §4.7. */
export function topicMatches(filter: string, topic: string): boolean {
  // Topics starting with `$` ($SYS/...) are server-internal: a leading wildcard must not match them.
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const filterLevels = filter.split('/');
  const topicLevels = topic.split('/');
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i];
    // `#` also matches the parent level itself: `a/#` matches `a`.
    if (level === '#') return true;
    if (i >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[i]) return false;
  }
  return filterLevels.length === topicLevels.length;
}

/** Returns why `filter` is not a valid subscription filter, or undefined when it is. */
export function filterProblem(filter: unknown): string | undefined {
  if (typeof filter !== 'string' || filter === '') return 'must be a non-empty string';
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as string;
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return '"#" must be the whole last level';
    }
    if (level.includes('+') && level !== '+') return '"+" must be a whole level';
  }
  return undefined;
}

/** Returns why `topic` cannot be published to, or undefined when it can. */
export function topicProblem(topic: unknown): string | undefined {
  if (typeof topic !== 'string' || topic === '') return 'must be a non-empty string';
  if (topic.includes('+') || topic.includes('#')) return 'must not contain wildcards';
  return undefined;
}

/**
 * Counts consumers per topic filter, with the highest QoS any of them asked for. `add` says when a
 * filter needs a (re)subscribe; `remove` says when the last consumer of a filter is gone.
 */
export class TopicRefs {
  readonly #entries = new Map<string, { refs: number; qos: number }>();

  /** Takes a ref; true when the broker must be told (a new filter, or a higher QoS). */
  add(filter: string, qos: number): boolean {
    const entry = this.#entries.get(filter);
    if (!entry) {
      this.#entries.set(filter, { refs: 1, qos });
      return true;
    }
    entry.refs++;
    if (qos <= entry.qos) return false;
    entry.qos = qos;
    return true;
  }

  /** Drops a ref; true when it was the last one, so the filter should be unsubscribed. */
  remove(filter: string): boolean {
    const entry = this.#entries.get(filter);
    if (!entry) return false;
    entry.refs--;
    if (entry.refs > 0) return false;
    this.#entries.delete(filter);
    return true;
  }

  has(filter: string): boolean {
    return this.#entries.has(filter);
  }

  qosOf(filter: string): number | undefined {
    return this.#entries.get(filter)?.qos;
  }

  filters(): string[] {
    return [...this.#entries.keys()];
  }
}
