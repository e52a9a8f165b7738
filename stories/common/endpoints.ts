import { tabClientId } from './tabClientId';

/**
 * Same-origin endpoints of the mock server, as the stories use them. HTTP ones are relative; the
 * transports that need an absolute URL (MQTT, Socket.IO) build it from the page's `location`, so
 * the stories work on the Storybook dev server (proxied) and on `tidings-mock --static` alike.
 */
export const endpoints = {
  notifications: '/api/notifications',
  longPoll: '/api/long-poll',
  sse: '/api/sse',
  chat: '/api/chat',
  ws: '/ws',
  iframe: '/iframe/stream',
} as const;

/** `ws://host/mqtt` (or `wss:` on an https page), from `location`. */
export function mqttUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/mqtt`;
}

/** The page's origin: Socket.IO connects to `/socket.io/` on it. */
export function socketIOUrl(): string {
  return location.origin;
}

/** Small reconnect delays, so a reader watches recovery after a drop within a few seconds. */
export const FAST_RECONNECT = { minDelay: 500, maxDelay: 5000 } as const;

/**
 * One MQTT session per browser tab. With `clean: false` the broker keeps the session (and its QoS 1
 * messages) across a drop, which is how MQTT resumes without loss. The id lasts as long as the tab,
 * so reloads reuse the session rather than leave one per load on the broker; a fixed id would make
 * two tabs steal each other's session.
 */
export const mqttSession = {
  clientId: tabClientId(),
  clean: false,
} as const;
