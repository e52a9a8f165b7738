/** Every live story of both Storybooks, as the browser tests visit them. */
export type Framework = 'react' | 'vue';
export type StoryKind = 'badge' | 'chat' | 'moderation' | 'ai';

export interface LiveStory {
  framework: Framework;
  /** Storybook story id. */
  id: string;
  kind: StoryKind;
  /** Push transports keep a connection open and resume from a cursor after a drop. */
  push: boolean;
  /** Seconds a cut can go unnoticed: the iframe stream only learns of one from heartbeat silence. */
  slowToNotice?: boolean;
}

const hooks: Array<{ slug: string; kind: StoryKind; push: boolean; slowToNotice?: boolean }> = [
  { slug: 'usepolling--badge', kind: 'badge', push: false },
  { slug: 'uselongpoll--badge', kind: 'badge', push: true },
  { slug: 'usesse--badge', kind: 'badge', push: true },
  { slug: 'usewebsocket--badge', kind: 'badge', push: true },
  { slug: 'usemqtt--badge', kind: 'badge', push: true },
  { slug: 'usesocketio--badge', kind: 'badge', push: true },
  { slug: 'useiframestream--badge', kind: 'badge', push: true, slowToNotice: true },
  { slug: 'usewebsocket--chat', kind: 'chat', push: true },
  { slug: 'usesocketio--chat', kind: 'chat', push: true },
  { slug: 'usemqtt--moderation-alerts', kind: 'moderation', push: true },
];

export const liveStories: LiveStory[] = [
  ...hooks.map((h) => ({ framework: 'react' as const, id: `hooks-${h.slug}`, ...h })),
  ...hooks.map((h) => ({ framework: 'vue' as const, id: `composables-${h.slug}`, ...h })),
];

export const aiStories: LiveStory[] = [
  { framework: 'react', id: 'hooks-usesse--ai-answer-stream', kind: 'ai', push: false },
  { framework: 'vue', id: 'composables-usesse--ai-answer', kind: 'ai', push: false },
];

/** The story canvas alone; the Vue Storybook is composed in from `vue/` on the same origin. */
export function storyUrl(base: string, story: LiveStory): string {
  const root = story.framework === 'vue' ? `${base}/vue` : base;
  return `${root}/iframe.html?id=${story.id}&viewMode=story`;
}

/** A message the story's feed shows: chat stories log chat lines, moderation stories alerts. */
export function messageFor(kind: StoryKind, n: number) {
  if (kind === 'chat') return { type: 'chat', data: { user: 'carol', text: `e2e line ${n}` } };
  if (kind === 'moderation') {
    return {
      type: 'moderation',
      topic: 'moderation/alerts/high',
      data: { severity: 'high', reason: `e2e alert ${n}`, contentId: `c${n}` },
    };
  }
  return { type: 'notification', data: { title: `e2e ${n}`, body: 'from the tests', from: 'e2e' } };
}
