// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tabClientId } from '../../stories/common/tabClientId';

describe('the stories’ MQTT client id', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    sessionStorage.clear();
  });

  it('stays the same for the tab (reloads included), so the broker keeps one session per tab', () => {
    const first = tabClientId();
    expect(first).toMatch(/^tidings-story-[a-z0-9]+$/);
    // MQTT 3.1.1 brokers must accept ids up to 23 characters (aedes refuses longer ones).
    expect(first.length).toBeLessThanOrEqual(23);
    expect(tabClientId()).toBe(first);
    // A new tab starts with empty sessionStorage, and gets an id of its own.
    sessionStorage.clear();
    expect(tabClientId()).not.toBe(first);
  });

  it('still gives an id where sessionStorage throws', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(tabClientId()).toMatch(/^tidings-story-/);
  });
});
