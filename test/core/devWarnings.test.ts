import { createHub } from '@tidings/core';
import { resetWarnings, watchIdentityChurn } from '@tidings/core/binding';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { warnNearDuplicateWire } from '../../packages/core/src/nearDuplicateWire';
import { wireKey } from '../../packages/core/src/wireKey';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  resetWarnings();
  warn = vi.spyOn(console, 'warn');
});
afterEach(() => warn.mockRestore());

const texts = () => warn.mock.calls.map(([message]) => String(message));
const ws = (parts: Record<string, unknown>) =>
  wireKey('webSocket', { url: 'wss://x.test/ws?token=secret', ...parts });

describe('near-duplicate wires', () => {
  it('are wires of one transport that differ only in tuning fields', () => {
    warnNearDuplicateWire(ws({ reconnect: { minDelay: 20 } }), [
      ws({ reconnect: { minDelay: 10 } }),
    ]);
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('differ only in reconnect');
    // The key's credentials stay hashed: the warning never shows them.
    expect(texts()[0]).not.toContain('secret');
  });

  it('are not wires that differ in what they deliver, another transport, or nothing', () => {
    warnNearDuplicateWire(ws({ topics: ['a'], reconnect: false }), [ws({ topics: ['b'] })]);
    warnNearDuplicateWire(wireKey('sse', { url: 'wss://x.test/ws?token=secret' }), [ws({})]);
    warnNearDuplicateWire(ws({}), [ws({})]);
    warnNearDuplicateWire('custom:not json', [ws({})]);
    expect(texts()).toEqual([]);
  });

  it('are checked by the hub when it creates a wire, once per pair', () => {
    const hub = createHub();
    const wire = () => ({ stop: () => undefined });
    hub.acquire(ws({ pauseWhenHidden: false }), wire);
    hub.acquire(ws({ pauseWhenHidden: true }), wire);
    hub.acquire(ws({ pauseWhenHidden: true }), wire);
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('differ only in pauseWhenHidden');
  });
});

describe('watchIdentityChurn', () => {
  it('warns from the second reference-only change, naming the option', () => {
    const churn = watchIdentityChurn('useSSE');
    class Body {}
    churn({ source: '/a', body: new Body() });
    // One change may be meant (a resend of a new body).
    churn({ source: '/a', body: new Body() });
    expect(texts()).toEqual([]);
    churn({ source: '/a', body: new Body() });
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain('useSSE: "body" is a new object on every render');
  });

  it('counts a real change as meant, and equal plain values as no change', () => {
    const churn = watchIdentityChurn('useSSE');
    class Body {}
    churn({ source: '/a', body: new Body() });
    churn({ source: '/a', body: new Body() });
    churn({ source: '/b', body: new Body() });
    churn({ source: '/b', body: new Body() });
    for (let i = 0; i < 5; i++) churn({ source: '/b', headers: { a: '1' }, body: 'x' });
    expect(texts()).toEqual([]);
  });
});
