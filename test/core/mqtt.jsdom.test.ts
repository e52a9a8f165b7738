// @vitest-environment jsdom
import { createHub } from '@tidings/core';
import { createMqtt, type MqttMessage } from '@tidings/core/mqtt';
import { type MockServer, startMockServer } from '@tidings/mock-server';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { pageOrigins } from '../shared/mockServerHelpers';

let server: MockServer;
beforeEach(async () => {
  server = await startMockServer({ port: 0, allowOrigins: pageOrigins() });
});
afterEach(async () => {
  await server.close();
});

it('connects from a jsdom page (mqtt.js with native timers) and receives', async () => {
  const alerts = createMqtt<{ id: string }>(`${server.url.replace(/^http/, 'ws')}/mqtt`, {
    hub: createHub(),
    topics: 'notifications/#',
    notify: 'sync',
  });
  const seen: Array<MqttMessage<{ id: string }>> = [];
  // In a page the first listener connects by itself.
  const stop = alerts.onMessage((m) => seen.push(m));
  await vi.waitFor(() => expect(alerts.getState().status).toBe('open'));
  const sent = server.publish({ type: 'alert' });
  await vi.waitFor(() => expect(seen.map((m) => m.payload.id)).toEqual([sent.id]));
  stop();
  alerts.close();
});
