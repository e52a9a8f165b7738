import { expect, it, vi } from 'vitest';

const watched = [
  'window',
  'document',
  'navigator',
  'WebSocket',
  'EventSource',
  'fetch',
  'location',
];

it('importing @tidings/core touches no browser global', async () => {
  const touched: string[] = [];
  const originals = new Map(
    watched.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]),
  );
  for (const name of watched) {
    const descriptor = originals.get(name);
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        return descriptor?.get ? descriptor.get.call(globalThis) : descriptor?.value;
      },
    });
  }
  try {
    vi.resetModules();
    const core = await import('@tidings/core');
    expect(typeof core.createPolling).toBe('function');
  } finally {
    for (const [name, descriptor] of originals) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  }
  expect(touched).toEqual([]);
});
