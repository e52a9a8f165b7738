// The browser half of the chaos suite: bundled by `browserPage.ts` and served by the mock server
// itself, so the iframe stream's origin check and the server's origin policy see one origin. It
// opens consumers of one wire with the transports only a page can run and keeps what they see on
// `window.chaos`, where the Node side reads it and waits on it.
import {
  type Channel,
  createHub,
  createIframeStream,
  createSSE,
  type ReconnectOptions,
} from '@tidings/core';
import { ChaosObserver } from '../observer';
import type { ChaosSubject } from '../subjects';

/** A mock-server message as the page transports carry it. */
interface ChaosMessage {
  id: string;
  type: string;
  data: { n: number };
}

/** What the Node side asks for: plain data, since it crosses into the page. */
export interface PageRunOptions {
  transport: 'iframe' | 'native';
  /** The mock server's origin (the page's own). */
  url: string;
  /** Consumers sharing one wire. */
  count: number;
  /** The event type every chaos message has. */
  type: string;
  reconnect: ReconnectOptions;
  /** The iframe stream's `heartbeatTimeout`. */
  heartbeatTimeout: number;
}

/** One consumer as the Node side reads it. */
export interface PageConsumer {
  observer: ChaosObserver;
  /** Every status the channel passed through, in order. */
  statuses: string[];
}

export interface ChaosPage {
  consumers: PageConsumer[];
  open(options: PageRunOptions): void;
}

declare global {
  interface Window {
    chaos: ChaosPage;
  }
}

function subjectFor(options: PageRunOptions): ChaosSubject {
  const { transport, type, reconnect, heartbeatTimeout } = options;
  const traits = { survivesRestart: true, keepsOrder: true };
  if (transport === 'iframe') {
    return {
      ...traits,
      name: 'iframe stream',
      open: (url, hub, { onReceive, onError }) =>
        createIframeStream<ChaosMessage>(`${url}/iframe/stream`, {
          hub,
          reconnect,
          heartbeatTimeout,
          // The mock server's messages carry their log id; it is the cursor on reconnect.
          messageId: (m) => (m as ChaosMessage).id,
          notify: 'sync',
          onMessage: (m) => {
            if (m.type === type) onReceive(m.data.n);
          },
          onError,
        }) as Channel<unknown, unknown>,
    };
  }
  return {
    ...traits,
    name: 'SSE (native EventSource)',
    open: (url, hub, { onReceive, onError }) =>
      createSSE<ChaosMessage>(`${url}/api/sse`, {
        hub,
        reconnect,
        transport: 'native',
        events: [type],
        notify: 'sync',
        onMessage: (m) => onReceive(m.data.n),
        onError,
      }) as Channel<unknown, unknown>,
  };
}

window.chaos = {
  consumers: [],
  open(options) {
    const subject = subjectFor(options);
    const hub = createHub();
    for (let i = 0; i < options.count; i++) {
      const observer = new ChaosObserver(subject, options.url, hub, 'page');
      const consumer: PageConsumer = { observer, statuses: [observer.status] };
      observer.channel.subscribe(() => {
        if (consumer.statuses.at(-1) !== observer.status) consumer.statuses.push(observer.status);
      });
      this.consumers.push(consumer);
    }
  },
};
