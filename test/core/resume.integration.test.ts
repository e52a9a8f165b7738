import {
  createHub,
  createLongPoll,
  createSSE,
  createWebSocket,
  type TidingsError,
} from '@tidings/core';
import { createSocketIO } from '@tidings/core/socket-io';
import { WebSocket as NodeWebSocket } from 'ws';
import { describeResume, type ResumeSubject } from './resumeScenarios';

type Note = { id: string; type: string };

/** The mock server's messages carry the log id: the delivery id, for dedupe and resume. */
const messageId = (message: unknown) => (message as Note | null)?.id;

function common(subject: Pick<ResumeSubject, 'ids' | 'errors'>) {
  return {
    hub: createHub(),
    notify: 'sync' as const,
    reconnect: { minDelay: 10, maxDelay: 50 },
    onError: (error: TidingsError) => subject.errors.push(error),
  };
}

function subject<TChannel extends ResumeSubject['channel'] & { connect(): void }>(
  make: (sink: Pick<ResumeSubject, 'ids' | 'errors'>) => TChannel,
): ResumeSubject {
  const sink = { ids: [] as string[], errors: [] as TidingsError[] };
  const channel = make(sink);
  channel.connect();
  return { channel, ...sink };
}

describeResume('long poll', (url) =>
  subject((sink) =>
    createLongPoll<Note>(`${url}/api/long-poll`, {
      ...common(sink),
      messageId,
      onMessage: (note) => sink.ids.push(note.id),
    }),
  ),
);

describeResume('SSE over fetch', (url) =>
  subject((sink) =>
    createSSE<Note>(`${url}/api/sse`, {
      ...common(sink),
      transport: 'fetch',
      events: ['notification'],
      onMessage: (note) => sink.ids.push(note.id),
    }),
  ),
);

describeResume('WebSocket', (url) =>
  subject((sink) =>
    createWebSocket<Note>(`${url.replace('http', 'ws')}/ws`, {
      ...common(sink),
      messageId,
      env: { WebSocket: NodeWebSocket as unknown as typeof WebSocket },
      onMessage: (note) => sink.ids.push(note.id),
    }),
  ),
);

describeResume(
  'Socket.IO',
  (url) =>
    subject((sink) =>
      createSocketIO<Note>(url, {
        ...common(sink),
        messageId,
        events: ['notification'],
        onMessage: ({ args: [note] }) => {
          if (note) sink.ids.push(note.id);
        },
      }),
    ),
  { sessionRecovery: true },
);
