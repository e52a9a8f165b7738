// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { eventSourcePolyfill } from '@tidings/core/sse-polyfill';
import { useSSE, useSSEStream } from '@tidings/vue';
import { h, shallowRef } from 'vue';
import type { MockMessage } from '../common/control';
import type { LogLine } from '../common/describe';
import { endpoints } from '../common/endpoints';
import { type SSEArgs, sseArgs, sseArgTypes, toReconnect } from '../common/hookArgs';
import { storyNames } from '../common/storyNames';
import { emptyLog, storyTexts } from '../common/storyTexts';
import { BadgeStory } from './components/BadgeStory';
import { type Feed, feedOf } from './components/feed';
import { LiveStory } from './components/LiveStory';
import { MessageLog } from './components/MessageLog';

const meta = {
  title: 'Composables/useSSE',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'Server-Sent Events: `GET /api/sse` resumed from `Last-Event-ID` after every drop; a request-scoped stream (an AI answer) is `useSSEStream`, started and stopped by hand and never replayed by itself.',
      },
    },
  },
  args: sseArgs,
  argTypes: sseArgTypes,
} satisfies Meta<SSEArgs>;

export default meta;

/** The unread badge, fed by the `notification` events of an EventSource. */
export const Badge: StoryObj<SSEArgs> = {
  render: (args) => ({
    setup() {
      // A getter: a changed control is a new wire option, so the stream reconnects with it.
      const state = useSSE<MockMessage, Feed>(endpoints.sse, () => ({
        events: ['notification'],
        transport: args.transport,
        // Passed so that the transport control's 'polyfill' works; 'auto' still picks the
        // native EventSource here, since the story sends no headers.
        polyfill: eventSourcePolyfill,
        reconnect: toReconnect(args),
        reduce: feedOf,
      }));
      return () =>
        h(BadgeStory, {
          name: storyNames.sseBadge,
          text: storyTexts.sseBadge,
          state,
          unread: state.data.value?.notifications ?? 0,
          lines: state.data.value?.lines ?? [],
        });
    },
  }),
};

/** An event of `POST /api/chat`: `token` events, then one `done`. */
type ChatEvent = { token: string } | { tokens: number };

interface Answer {
  text: string;
  tokens: LogLine[];
  done: boolean;
}

/** The question the prompt field starts with. */
const AI_PROMPT = 'How does tidings resume after a dropped connection?';

function collect(answer: Answer | undefined, event: ChatEvent): Answer {
  const acc = answer ?? { text: '', tokens: [], done: false };
  if (!('token' in event)) return { ...acc, done: true };
  const id = String(acc.tokens.length + 1);
  return {
    text: acc.text + event.token,
    tokens: [...acc.tokens, { id, text: JSON.stringify(event.token), meta: 'token' }],
    done: false,
  };
}

/** An AI answer streamed token by token over POST, as a chat assistant shows it; Stop ends it. */
export const AiAnswer: StoryObj<SSEArgs> = {
  name: 'AI answer (POST stream)',
  // As in the React story: the prompt is typed into the story itself, the badge's args do not apply.
  parameters: { controls: { disable: true } },
  render: () => ({
    setup() {
      const prompt = shallowRef(AI_PROMPT);
      const stream = useSSEStream<ChatEvent, Answer>(endpoints.chat, {
        method: 'POST',
        events: ['token', 'done'],
        reduce: collect,
      });
      const answer = () => stream.data.value;
      const streaming = () =>
        stream.status.value === 'open' || stream.status.value === 'connecting';
      return () =>
        h(
          LiveStory,
          { name: storyNames.aiStream, ...storyTexts.aiStream, state: stream },
          {
            top: () => [
              h(
                'form',
                {
                  class: 'tid-card tid-row',
                  onSubmit: (event: Event) => {
                    event.preventDefault();
                    stream.start({ prompt: prompt.value });
                  },
                },
                [
                  h('input', {
                    class: 'tid-input',
                    'data-testid': 'prompt',
                    'aria-label': 'Prompt',
                    value: prompt.value,
                    onInput: (event: Event) =>
                      (prompt.value = (event.target as HTMLInputElement).value),
                  }),
                  h(
                    'button',
                    {
                      type: 'submit',
                      class: 'tid-button tid-primary',
                      'data-testid': 'start',
                      disabled: streaming(),
                    },
                    'Ask',
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'tid-button',
                      'data-testid': 'stop',
                      disabled: !streaming(),
                      onClick: () => stream.stop(),
                    },
                    'Stop',
                  ),
                ],
              ),
              h('div', { class: 'tid-card' }, [
                h('div', { class: 'tid-muted' }, 'Answer'),
                h(
                  'p',
                  {
                    class: 'tid-answer',
                    'data-testid': 'answer',
                    'aria-live': 'polite',
                    'data-done': String(answer()?.done ?? false),
                  },
                  answer()?.text ?? '',
                ),
              ]),
            ],
            default: () =>
              h(MessageLog, {
                lines: answer()?.tokens ?? [],
                title: 'Tokens',
                empty: emptyLog.tokens,
              }),
          },
        );
    },
  }),
};
