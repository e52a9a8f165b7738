import { endpoints } from './endpoints';
import type { storyNames } from './storyNames';

/** The heading and one-line explanation of a live story, the same in the React and Vue Storybooks. */
export interface StoryText {
  title: string;
  lead: string;
}

/** What `received` counts, said wherever the log shows fewer lines than the connection delivered. */
export const RECEIVED_COUNTS =
  '"received" counts every message this connection delivered; the log keeps only the ones this story shows.';

const chatLead = (send: string) =>
  `alice and bob each have their own connection, as two browsers would; ${send} Type a line below, or press Publish for one from Ada. ${RECEIVED_COUNTS}`;

/** Texts of the live stories; a function where the text shows a story arg. */
export const storyTexts = {
  pollingBadge: (interval: number): StoryText => ({
    title: 'Unread badge, short polling',
    lead: `GET ${endpoints.notifications} every ${interval} ms; the server answers { unread, items }.`,
  }),
  longPollBadge: (timeout: number): StoryText => ({
    title: 'Unread badge, long polling',
    lead: `GET ${endpoints.longPoll}?cursor= is held until news (or ${timeout} ms), then asked again at once from the new cursor.`,
  }),
  sseBadge: {
    title: 'Unread badge, Server-Sent Events',
    lead: `GET ${endpoints.sse} as text/event-stream, events: ['notification']; a reconnect sends Last-Event-ID and the server replays what was missed.`,
  },
  webSocketBadge: {
    title: 'Unread badge, WebSocket',
    lead: `One WebSocket to ${endpoints.ws}; a reconnect adds ?cursor= so the server replays what was missed.`,
  },
  mqttBadge: (topics: string, url: string): StoryText => ({
    title: 'Unread badge, MQTT over WebSocket',
    lead: `mqtt.js (loaded on first use) subscribes to ${topics} on ${url}.`,
  }),
  socketIOBadge: {
    title: 'Unread badge, Socket.IO',
    lead: "socket.io-client (loaded on first use), events: ['notification']; after a drop, connection state recovery restores the session.",
  },
  iframeBadge: {
    title: 'Unread badge, hidden-iframe stream',
    lead: `A hidden <iframe src="${endpoints.iframe}"> whose never-ending page runs parent.postMessage(...) per message; only this origin is heard.`,
  },
  realtimeFallback: {
    title: 'One stream, whichever transport gets through',
    lead: `WebSocket ${endpoints.ws}, then SSE ${endpoints.sse}, long polling and short polling on ${endpoints.longPoll}: break them one by one below and watch the hook fall to the next, then probe back up once the network is friendly again. A buffered stream shows once the server moves on without it: press Publish after Buffer SSE. The cursor carries across, so no message is lost or repeated.`,
  },
  webSocketChat: {
    title: 'Chat room, WebSocket',
    lead: chatLead('send({ type: "chat", data }) is broadcast to everyone.'),
  },
  socketIOChat: {
    title: 'Chat room, Socket.IO',
    lead: chatLead('emit("chat", data) is acknowledged and broadcast.'),
  },
  aiStream: {
    title: 'AI answer, streamed over POST',
    lead: 'A request-scoped SSE stream: never replayed by itself (a POST is not idempotent); Stop keeps the answer so far.',
  },
  crossTab: {
    title: 'Open this page in several tabs',
    lead:
      'One tab holds the SSE connection (elected with Web Locks) and relays every event to the ' +
      'others over BroadcastChannel. Open this story in more tabs: the server keeps counting one ' +
      'connection. Close the leader and another tab takes over from the last event id, with ' +
      'nothing lost or shown twice.',
  },
  mqttModeration: (topic: string): StoryText => ({
    title: 'Moderation alerts, MQTT topics with wildcards',
    lead: `Subscribed to ${topic}. Publish sends an alert of a random severity to moderation/alerts/<severity>; the filter decides which ones arrive. ${RECEIVED_COUNTS}`,
  }),
} satisfies Record<keyof typeof storyNames, StoryText | ((...args: never[]) => StoryText)>;

/** What a log shows while empty: what to press for its first line. */
export const emptyLog = {
  badge: 'Nothing yet — press Publish.',
  chat: 'No chat line yet — type one below, or press Publish for a line from Ada.',
  moderation: 'No alert yet — press Publish.',
  tokens: 'No answer yet — press Ask.',
} as const;
