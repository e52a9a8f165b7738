import { defineComponent, h, type PropType, shallowRef } from 'vue';
import type { PublishInput } from '../../common/control';
import type { LogLine } from '../../common/describe';
import type { Participant, StoryName } from '../../common/storyNames';
import { participants } from '../../common/storyNames';
import { emptyLog, type StoryText } from '../../common/storyTexts';
import { combine } from './combine';
import { type LiveState, LiveStory } from './LiveStory';
import { MessageLog } from './MessageLog';

/** One participant's side of a {@link ChatStory}: their own connection, log and send verb. */
export interface ChatSide {
  state: LiveState;
  lines: readonly LogLine[];
  send(text: string): void;
}

const LINES = ['Deploying now', 'Looks good to me', 'Can someone check the SSE demo?', 'Back in 5'];

/** What the control panel's Publish sends in a chat: a line from a third person, seen by both. */
const chatLine = (): PublishInput => ({
  type: 'chat',
  data: { user: 'Ada', text: LINES[Math.floor(Math.random() * LINES.length)] },
});

/** The input and Send button of one participant; the input is emptied once the line is sent. */
const ChatComposer = defineComponent({
  name: 'ChatComposer',
  props: {
    who: { type: String as PropType<Participant>, required: true },
    send: { type: Function as PropType<(text: string) => void>, required: true },
  },
  setup(props) {
    const draft = shallowRef('');
    const submit = (event: Event) => {
      event.preventDefault();
      const text = draft.value.trim();
      if (text === '') return;
      props.send(text);
      draft.value = '';
    };
    return () =>
      h('form', { class: 'tid-row', onSubmit: submit }, [
        h('input', {
          class: 'tid-input',
          'data-testid': `input-${props.who}`,
          'aria-label': `Message as ${props.who}`,
          placeholder: `Message as ${props.who}…`,
          value: draft.value,
          onInput: (event: Event) => (draft.value = (event.target as HTMLInputElement).value),
        }),
        h(
          'button',
          { type: 'submit', class: 'tid-button tid-primary', 'data-testid': `send-${props.who}` },
          'Send',
        ),
      ]);
  },
});

/**
 * Two participants side by side, each on their own connection (`share: false`, as two browsers
 * would be): what one sends, both see, with the id the server gave it. The story's status panel
 * sums both connections (open only when both are); each column shows its own status.
 */
export const ChatStory = defineComponent({
  name: 'ChatStory',
  props: {
    name: { type: String as PropType<StoryName>, required: true },
    text: { type: Object as PropType<StoryText>, required: true },
    sides: { type: Object as PropType<Record<Participant, ChatSide>>, required: true },
  },
  setup(props) {
    const state = combine(participants.map((who) => props.sides[who].state));
    const column = (who: Participant) => {
      const side = props.sides[who];
      return h(
        'div',
        { class: 'tid-grow', style: { display: 'grid', gap: '8px' }, 'data-participant': who },
        [
          h('div', { class: 'tid-muted' }, [
            h('strong', who),
            ' ',
            h(
              'span',
              {
                class: 'tid-pill',
                'data-status': side.state.status.value,
                'data-testid': `status-${who}`,
              },
              side.state.status.value,
            ),
          ]),
          h(MessageLog, {
            lines: side.lines,
            testid: `log-${who}`,
            title: `${who} sees`,
            empty: emptyLog.chat,
          }),
          h(ChatComposer, { who, send: side.send }),
        ],
      );
    };
    return () =>
      h(
        LiveStory,
        {
          name: props.name,
          ...props.text,
          state,
          publish: chatLine,
          note: 'alice and bob together: open when both are, received summed.',
        },
        () => h('div', { class: 'tid-row' }, participants.map(column)),
      );
  },
});
