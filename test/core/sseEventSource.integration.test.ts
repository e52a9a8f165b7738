// @vitest-environment jsdom
import { EventSourcePolyfill } from 'event-source-polyfill';
import { fetchTransport } from '../../packages/core/src/transports/ssePolyfill';
import { describeSubscription } from './sseScenarios';

/**
 * The polyfill's own fetch transport (1.0.31) leaves an unhandled rejection when closed after a
 * broken stream, and jsdom's XMLHttpRequest never reports a connection the server cut, so the
 * platform-like EventSource below streams through core's fetch transport for the polyfill.
 */
const FetchTransport = fetchTransport(fetch);

/**
 * jsdom has no EventSource. The polyfill's class reports like the platform one (readyState CLOSED
 * when it refuses a response, CONNECTING when it would retry by itself), so injected as
 * env.EventSource it drives the native code path: ?lastEventId= resume, close on error, probe GET.
 */
class PlatformLikeEventSource extends EventSourcePolyfill {
  constructor(url: string, init: EventSourceInit = {}) {
    super(url, { ...init, Transport: FetchTransport });
  }
}

describeSubscription(
  'native (an EventSource class injected)',
  {
    transport: 'native',
    env: { EventSource: PlatformLikeEventSource as unknown as typeof EventSource },
  },
  1,
);

// The polyfill transport: a dynamic import, resumes with the Last-Event-ID header.
describeSubscription('over event-source-polyfill', { transport: 'polyfill' });
