// @vitest-environment jsdom
import type { SocketIOMessage } from '@tidings/core';
import { useSocketIO } from '@tidings/react';
import { fastReconnect, idOf } from './helpers';
import { describeHook } from './hookSuite';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

describeHook<SocketIOMessage<Envelope>>('useSocketIO', {
  transport: 'socketio',
  resumes: true,
  use: (server, { variant, reduce, onMessage, notify }) =>
    useSocketIO<Envelope, string[]>(`${server.url}?v=${variant}`, {
      events: ['notification'],
      transports: ['websocket'],
      reconnect: fastReconnect,
      reduce,
      onMessage,
      notify,
    }),
  idOf: (m) => idOf(m.args[0]),
});
