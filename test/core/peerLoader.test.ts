import { describe, expect, it, vi } from 'vitest';
import { peerLoader } from '../../packages/core/src/transports/common/peer';

interface Piece {
  connect: () => string;
}

const spec = (load: () => Promise<unknown>) => ({
  load,
  pick: (module: Record<string, unknown>) =>
    typeof module.connect === 'function' ? { connect: module.connect as () => string } : undefined,
  missing: 'the "peer" module has no connect()',
});

describe('peerLoader', () => {
  it('uses a piece the app passes as is, and never imports the package', async () => {
    const load = vi.fn(() => Promise.resolve({}));
    const given: Piece = { connect: () => 'given' };
    await expect(peerLoader<Piece>(spec(load))(given)).resolves.toBe(given);
    expect(load).not.toHaveBeenCalled();
  });

  it('finds the piece on the module or on its CommonJS `default`', async () => {
    const named = await peerLoader<Piece>(
      spec(() => Promise.resolve({ connect: () => 'named' })),
    )();
    expect(named.connect()).toBe('named');
    const loadCjs = peerLoader<Piece>(spec(() => Promise.resolve({})));
    const cjs = await loadCjs(() => Promise.resolve({ default: { connect: () => 'cjs' } }));
    expect(cjs.connect()).toBe('cjs');
  });

  it('says what is missing when neither has it', async () => {
    const load = peerLoader<Piece>(spec(() => Promise.resolve({ default: {} })));
    await expect(load()).rejects.toThrow('the "peer" module has no connect()');
  });

  it('imports the package once, and tries again after a failed import', async () => {
    const load = vi
      .fn<() => Promise<unknown>>()
      .mockRejectedValueOnce(new Error('Cannot find package'))
      .mockResolvedValue({ connect: () => 'late' });
    const loadPeer = peerLoader<Piece>(spec(load));
    await expect(loadPeer()).rejects.toThrow('Cannot find package');
    const [first, second] = await Promise.all([loadPeer(), loadPeer()]);
    expect(first?.connect()).toBe('late');
    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
