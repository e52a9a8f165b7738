// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Broker } from './broker';
import { startMosquitto } from './mosquitto';
import { describeInflight } from './mqttInflight';
import { describeOrder } from './mqttOrder';
import { describeBasics, describeResume, mqttHarness } from './mqttScenarios';
import { describeWill } from './mqttWill';

// Debian's Mosquitto 2 (MQTT 3.1.1 and 5), started on loopback by this file.
let broker: Broker | undefined;
const open = () => {
  if (!broker) throw new Error('Mosquitto did not start (see beforeAll)');
  return broker;
};
beforeAll(async () => {
  broker = await startMosquitto();
}, 20_000);
afterAll(() => broker?.stop());

describeBasics('Mosquitto 2 (MQTT 3.1.1)', open, { protocolVersion: 4 });
describeBasics('Mosquitto 2 (MQTT 5)', open, { protocolVersion: 5 });
describeResume('Mosquitto 2 (MQTT 3.1.1)', open, { protocolVersion: 4 });
describeResume('Mosquitto 2 (MQTT 5)', open, { protocolVersion: 5, sessionExpiryInterval: 60 });
describeOrder('Mosquitto 2 (MQTT 3.1.1)', open, { keepsOrder: true });
describeInflight('Mosquitto 2 (MQTT 3.1.1)', open, { protocolVersion: 4 });
describeInflight('Mosquitto 2 (MQTT 5)', open, { protocolVersion: 5 });
describeWill('Mosquitto 2 (MQTT 3.1.1)', open, { protocolVersion: 4, cleanCloseDropsWill: true });

describe('createMqtt against Mosquitto 2 with allow_anonymous false', () => {
  let secured: Broker | undefined;
  beforeAll(async () => {
    secured = await startMosquitto({ users: { alice: 's3cret' } });
  }, 20_000);
  afterAll(() => secured?.stop());
  const { channel } = mqttHarness();

  function connectAs(credentials: { username?: string; password?: string }, version: 4 | 5) {
    if (!secured) throw new Error('Mosquitto did not start (see beforeAll)');
    // Every retry the wire schedules goes through env.setTimeout.
    const retries: number[] = [];
    const closes: number[] = [];
    const guarded = channel(secured.wsUrl, {
      ...credentials,
      protocolVersion: version,
      topics: 'private/#',
      onClose: () => closes.push(1),
      env: {
        setTimeout: (fn: () => void, ms: number) => {
          retries.push(ms);
          return setTimeout(fn, ms);
        },
        clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      },
    });
    guarded.connect();
    return { guarded, retries, closes };
  }

  it.each([4, 5] as const)('MQTT %s: the right password opens (the control)', async (version) => {
    const { guarded } = connectAs({ username: 'alice', password: 's3cret' }, version);
    await vi.waitFor(() => expect(guarded.getState().status).toBe('open'));
  });

  // Mosquitto 2.0.11 answers both with "not authorized": 3.1.1 return code 5, MQTT 5 reason 0x87
  // (not 0x86 "bad user name or password", even for a wrong password).
  it.each([
    ['a wrong password', 4, { username: 'alice', password: 'wrong' }, 5],
    ['no credentials', 4, {}, 5],
    ['a wrong password', 5, { username: 'alice', password: 'wrong' }, 0x87],
    ['no credentials', 5, {}, 0x87],
  ] as const)(
    '%s (MQTT %s): closed with an auth error, no retry',
    async (_, version, credentials, code) => {
      const { guarded, retries, closes } = connectAs(credentials, version);
      await vi.waitFor(() => expect(guarded.getState().status).toBe('closed'));
      const { error, attempt } = guarded.getState();
      expect(error).toMatchObject({ kind: 'auth', status: code, retryable: false });
      expect(attempt).toBe(1);
      // Closed for good: the wire never scheduled a reconnect, and said so once.
      expect(retries).toEqual([]);
      expect(closes).toHaveLength(1);
    },
  );
});
