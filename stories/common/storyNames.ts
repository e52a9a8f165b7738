/**
 * The `data-story` name of every live story, identical in the React and Vue Storybooks (the
 * browser end-to-end tests select stories by it).
 */
export const storyNames = {
  pollingBadge: 'usePolling-badge',
  longPollBadge: 'useLongPoll-badge',
  sseBadge: 'useSSE-badge',
  webSocketBadge: 'useWebSocket-badge',
  mqttBadge: 'useMqtt-badge',
  socketIOBadge: 'useSocketIO-badge',
  iframeBadge: 'useIframeStream-badge',
  webSocketChat: 'useWebSocket-chat',
  socketIOChat: 'useSocketIO-chat',
  aiStream: 'useSSE-ai',
  mqttModeration: 'useMqtt-moderation',
  realtimeFallback: 'useRealtime-fallback',
  crossTab: 'crossTab-tabs',
} as const;

export type StoryName = (typeof storyNames)[keyof typeof storyNames];

/** The two chat participants, side by side (`[data-testid=log-alice]`, `[data-testid=log-bob]`). */
export const participants = ['alice', 'bob'] as const;
export type Participant = (typeof participants)[number];
