import { describe, expect, it } from 'vitest';
import { RelayedCalls } from '../../packages/core/src/crossTab/calls';
import type { CrossTabMessage } from '../../packages/core/src/crossTab/messages';
import { serveAcrossTabs } from '../../packages/core/src/crossTab/serve';
import type { Wire } from '../../packages/core/src/wire';

// The calls one tab runs for another: what the leader answers when it cannot run one, and what a
// call posted before any tab led becomes when this tab takes the lead and cannot run it either.

function leaderOf(wire: object) {
  const posted: CrossTabMessage[] = [];
  const calls = new RelayedCalls(wire as Wire, 'leader-tab', (message) => {
    posted.push(message);
    return true;
  });
  const receipts = () => posted.filter((message) => message.type === 'receipt');
  return { calls, receipts };
}

const openWire = () => ({ getState: () => ({ status: 'open' }) });

describe('RelayedCalls on the leading tab', () => {
  it('answers a verb its wire does not serve with a config error, and one that throws with unsent', async () => {
    const wire = openWire();
    serveAcrossTabs(wire as unknown as Wire, 'publish', () => {
      throw new Error('the topic is not a string');
    });
    const { calls, receipts } = leaderOf(wire);

    calls.run({ type: 'call', from: 'other-tab', id: 1, verb: 'send', args: ['hi'] });
    calls.run({ type: 'call', from: 'other-tab', id: 2, verb: 'publish', args: [42] });

    await expect.poll(() => receipts().length).toBe(2);
    expect(receipts()).toEqual([
      expect.objectContaining({
        id: 1,
        to: 'other-tab',
        error: expect.objectContaining({
          kind: 'config',
          message: 'send() cannot cross tabs on this channel',
          retryable: false,
        }),
      }),
      expect.objectContaining({
        id: 2,
        error: expect.objectContaining({
          kind: 'unsent',
          message: expect.stringContaining('the topic is not a string'),
        }),
      }),
    ]);
  });

  it('a call waiting for a leader that this tab cannot run, once it leads, is rejected unsent', async () => {
    const wire = openWire();
    const { calls } = leaderOf(wire);
    const receipt = calls.call('emit', ['chat', 'hi'], undefined);

    calls.takeOver();

    await expect(receipt).rejects.toMatchObject({
      kind: 'unsent',
      message: expect.stringContaining('emit() cannot cross tabs on this channel'),
    });
  });
});
