// @vitest-environment jsdom
import { useLongPoll } from '@tidings/react';
import { fastReconnect, idOf } from './helpers';
import { describeHook } from './hookSuite';

interface Envelope {
  id: string;
  type: string;
  data: unknown;
}

describeHook<Envelope>('useLongPoll', {
  transport: 'longPoll',
  resumes: true,
  opensPerRequest: true,
  use: (server, { variant, reduce, onMessage, onOpen, notify }) =>
    useLongPoll<Envelope, string[]>(`${server.url}/api/long-poll?v=${variant}`, {
      // The first answer opens the stream: a short hold makes it come without news.
      timeout: 200,
      reconnect: fastReconnect,
      reduce,
      onMessage,
      onOpen,
      notify,
    }),
  idOf,
});
