// @vitest-environment node
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterAll, beforeAll } from 'vitest';
import { describeOrder } from './mqttOrder';

// The mock server's broker (aedes). It lets live messages overtake a resumed session's queue
// (measured, see the MQTT section of the core README), so order is not asserted here.
let server: MockServer | undefined;
const open = () => {
  if (!server) throw new Error('the mock server did not start (see beforeAll)');
  return { wsUrl: `${server.url.replace(/^http/, 'ws')}/mqtt`, wsPort: server.port };
};
beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(() => server?.close());

describeOrder('aedes (mock server)', open, { keepsOrder: false });
