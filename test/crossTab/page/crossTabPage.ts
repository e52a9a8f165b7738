// The browser half of the cross-tab suite: bundled by `buildCrossTabPage.ts` and served by the
// mock server itself, so every page of one browser context is one origin (one set of Web Locks,
// one BroadcastChannel namespace). Each page opens cross-tab consumers and keeps what they see on
// `window.crossTab`, where the Node side reads it.
import {
  type Channel,
  createIframeStream,
  createLongPoll,
  createSSE,
  createWebSocket,
  type ReconnectOptions,
} from '@tidings/core';
import { crossTabRole, crossTab as shareAcrossTabs } from '@tidings/core/cross-tab';
import { createMqtt } from '@tidings/core/mqtt';
import { createSocketIO } from '@tidings/core/socket-io';

/** A mock-server message as every transport carries it. */
interface LogMessage {
  id: string;
  type: string;
  data: unknown;
}

export type PageTransport = 'longPoll' | 'sse' | 'native' | 'ws' | 'socketio' | 'mqtt' | 'iframe';

/** What one consumer saw, as the Node side reads it. */
export interface PageConsumerState {
  status: string;
  /** `data.n` of every message of the run's type, in arrival order. */
  received: number[];
  /** `data` of every chat message (a WebSocket consumer). */
  chats: unknown[];
  leading: boolean;
  leader: string | undefined;
  /** `Date.now()` when this tab took the lead, and when its own connection opened after that. */
  ledAt: number | undefined;
  openedAt: number | undefined;
  errors: string[];
}

export interface CrossTabPage {
  open(transport: PageTransport, type: string, crossTab?: boolean): void;
  state(transport: PageTransport): PageConsumerState;
  send(text: string): Promise<string>;
}

declare global {
  interface Window {
    crossTab: CrossTabPage;
  }
}

const reconnect: ReconnectOptions = { minDelay: 10, maxDelay: 200 };
const messageId = (message: unknown) => (message as LogMessage).id;

function create(
  transport: PageTransport,
  crossTab: boolean,
  runId: string,
  onMessage: (message: LogMessage) => void,
): Channel<unknown, unknown> {
  const origin = location.origin;
  const ws = origin.replace(/^http/, 'ws');
  const common = {
    reconnect,
    crossTab: crossTab ? shareAcrossTabs() : undefined,
    notify: 'sync' as const,
  };
  switch (transport) {
    case 'longPoll':
      return createLongPoll<LogMessage>(`${origin}/api/long-poll`, {
        ...common,
        messageId,
        onMessage,
      }) as Channel<unknown, unknown>;
    case 'sse':
    case 'native':
      return createSSE<LogMessage>(`${origin}/api/sse`, {
        ...common,
        transport: transport === 'sse' ? 'fetch' : 'native',
        // The mock server names each SSE event after the message's type.
        events: [runId],
        onMessage,
      }) as Channel<unknown, unknown>;
    case 'ws':
      return createWebSocket<LogMessage>(`${ws}/ws`, {
        ...common,
        messageId,
        onMessage,
      }) as Channel<unknown, unknown>;
    case 'iframe':
      return createIframeStream<LogMessage>(`${origin}/iframe/stream`, {
        ...common,
        messageId,
        onMessage,
      }) as Channel<unknown, unknown>;
    case 'socketio':
      return createSocketIO<LogMessage>(origin, {
        ...common,
        messageId: (message: unknown) => messageId(message),
        onMessage: ({ args }) => onMessage(args[0] as LogMessage),
      }) as Channel<unknown, unknown>;
    case 'mqtt':
      return createMqtt<LogMessage>(`${ws}/mqtt`, {
        ...common,
        topics: 'notifications/#',
        qos: 1,
        // One kept session for the browser: whichever tab leads resumes it.
        clientId: `tidings-${runId}`,
        clean: false,
        messageId,
        onMessage: ({ payload }) => onMessage(payload),
      }) as Channel<unknown, unknown>;
  }
}

const consumers = new Map<
  PageTransport,
  { channel: Channel<unknown, unknown>; state: PageConsumerState }
>();

window.crossTab = {
  open(transport, type, crossTab = true) {
    const state: PageConsumerState = {
      status: 'idle',
      received: [],
      chats: [],
      leading: false,
      leader: undefined,
      ledAt: undefined,
      openedAt: undefined,
      errors: [],
    };
    const channel = create(transport, crossTab, type, (message) => {
      if (message.type === type) state.received.push((message.data as { n: number }).n);
      if (message.type === 'chat') state.chats.push(message.data);
    });
    // Set once this tab leads and its own connection is not yet open (a follower shows the
    // leader's `open` until its own attempt starts).
    let reopening = false;
    const observe = () => {
      const { status, error } = channel.getState();
      const role = crossTabRole(channel);
      if (role?.leading && !state.leading) {
        state.ledAt = Date.now();
        state.openedAt = undefined;
        reopening = false;
      }
      if (role?.leading && status !== 'open') reopening = true;
      if (role?.leading && status === 'open' && reopening && state.openedAt === undefined) {
        state.openedAt = Date.now();
      }
      state.status = status;
      state.leading = role?.leading ?? false;
      state.leader = role?.leader;
      if (error && state.errors.at(-1) !== error.message) state.errors.push(error.message);
    };
    channel.subscribe(observe);
    consumers.set(transport, { channel, state });
    observe();
  },
  state(transport) {
    const consumer = consumers.get(transport);
    if (!consumer) throw new Error(`no ${transport} consumer in this page`);
    // The role can change without a state change (a follower learns the leader's id).
    const role = crossTabRole(consumer.channel);
    return { ...consumer.state, leading: role?.leading ?? false, leader: role?.leader };
  },
  async send(text) {
    const consumer = consumers.get('ws');
    if (!consumer) throw new Error('no ws consumer in this page');
    const receipt = (
      consumer.channel as unknown as { send(m: unknown): Promise<void> & { status: string } }
    ).send({ type: 'chat', data: text });
    await receipt;
    return receipt.status;
  },
};
