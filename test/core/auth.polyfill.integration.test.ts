// @vitest-environment jsdom
import { createHub, createSSE } from '@tidings/core';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { fastReconnect } from '../shared/mockServerHelpers';
import { describeAuthScenarios } from './authScenarios';

// The polyfill sends the headers the async getter resolved for this attempt.
describeAuthScenarios('SSE over event-source-polyfill (async headers)', (server, auth) => {
  const ids: string[] = [];
  const channel = createSSE<{ id: string }>(`${server.url}/api/sse`, {
    hub: createHub(),
    reconnect: fastReconnect,
    notify: 'sync',
    transport: 'polyfill',
    polyfill: eventSourcePolyfill,
    events: ['notification'],
    headers: async () => ({ Authorization: `Bearer ${await auth.get()}` }),
    onAuthError: auth.onAuthError,
    onMessage: (m) => ids.push(m.id),
  });
  return { channel, ids: () => ids };
});

// The token rides in the query of the URL the getter returns for this attempt.
describeAuthScenarios(
  'SSE over event-source-polyfill (an async url getter with the token in the query)',
  (server, auth) => {
    const ids: string[] = [];
    const channel = createSSE<{ id: string }>(
      async () => `${server.url}/api/sse?token=${await auth.get()}`,
      {
        hub: createHub(),
        reconnect: fastReconnect,
        notify: 'sync',
        transport: 'polyfill',
        polyfill: eventSourcePolyfill,
        events: ['notification'],
        onAuthError: auth.onAuthError,
        onMessage: (m) => ids.push(m.id),
      },
    );
    return { channel, ids: () => ids };
  },
);
