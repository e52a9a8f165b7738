// Type tests, checked by `pnpm typecheck` (tsc over the repo): the escape hatch is typed per
// transport, and the credentials options take async getters.
import {
  createLongPoll,
  createPolling,
  createSSE,
  createWebSocket,
  type SSEClient,
  type TidingsError,
} from '@tidings/core';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';
import type { useSSE as useReactSSE, useWebSocket as useReactWebSocket } from '@tidings/react';
import type { useMqtt as useReactMqtt } from '@tidings/react/mqtt';
import type { useSocketIO as useReactSocketIO } from '@tidings/react/socket-io';
import type { useWebSocket as useVueWebSocket } from '@tidings/vue';
import type { MqttClient } from 'mqtt';
import type { Socket } from 'socket.io-client';
import { expectTypeOf } from 'vitest';

const token = async () => 'token';

// raw(): typed per transport on channels.
expectTypeOf(createWebSocket('/ws').raw()).toEqualTypeOf<WebSocket | undefined>();
expectTypeOf(createSSE('/api/sse').raw()).toEqualTypeOf<SSEClient | undefined>();
expectTypeOf(createSocketIO('/').raw()).toEqualTypeOf<Socket | undefined>();
expectTypeOf(createMqtt('ws://x/mqtt').raw()).toEqualTypeOf<MqttClient | undefined>();
expectTypeOf(createPolling('/api').raw()).toEqualTypeOf<unknown>();

// ... and on hooks.
expectTypeOf<ReturnType<ReturnType<typeof useReactWebSocket>['raw']>>().toEqualTypeOf<
  WebSocket | undefined
>();
expectTypeOf<ReturnType<ReturnType<typeof useReactSSE>['raw']>>().toEqualTypeOf<
  SSEClient | undefined
>();
expectTypeOf<ReturnType<ReturnType<typeof useReactSocketIO>['raw']>>().toEqualTypeOf<
  Socket | undefined
>();
expectTypeOf<ReturnType<ReturnType<typeof useReactMqtt>['raw']>>().toEqualTypeOf<
  MqttClient | undefined
>();
expectTypeOf<ReturnType<ReturnType<typeof useVueWebSocket>['raw']>>().toEqualTypeOf<
  WebSocket | undefined
>();

// Credentials may be async getters.
createWebSocket(async () => `/ws?token=${await token()}`);
createPolling('/api', { headers: async () => ({ Authorization: await token() }) });
createLongPoll('/api', { headers: async () => ({ Authorization: await token() }) });
createSSE('/api/sse', { headers: async () => ({ Authorization: await token() }) });
createSocketIO('/', { auth: async () => ({ token: await token() }) });
createMqtt('ws://x/mqtt', { password: token });

// onAuthError answers a boolean, or a promise of one.
createSSE('/api/sse', {
  onAuthError: (error, context) => {
    expectTypeOf(error).toEqualTypeOf<TidingsError>();
    expectTypeOf(context.attempt).toEqualTypeOf<number>();
    return context.attempt < 3;
  },
});
createWebSocket('/ws', { onAuthError: async () => true });
// @ts-expect-error: the answer is a boolean, not a new token
createWebSocket('/ws', { onAuthError: () => 'new-token' });
