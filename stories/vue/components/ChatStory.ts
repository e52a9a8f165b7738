import { defineComponent, h, type PropType, shallowRef } from 'vue';
import type { PublishInput } from '../../shared/control';
import type { Participant, StoryName } from '../../shared/storyNames';
import { participants } from '../../shared/storyNames';
import { combine } from './combine';
import { type LiveState, LiveStory } from './LiveStory';
import { type LogItem, MessageLog } from './MessageLog';
import { styles } from './styles';

/** One participant's side of a {@link ChatStory}: their own connection, log and send verb. */
export interface ChatSide {
  state: LiveState;
  items: readonly LogItem[];
  send(text: string): void;
}

const SAY: Record<Participant, string> = {
  alice: 'Deploying now',
  bob: 'Looks good to me',
};

/** What the control panel's Publish sends in a chat: a line from the system, seen by both. */
const systemLine = (): PublishInput => ({
  type: 'chat',
  data: { user: 'system', text: 'Maintenance window starts in 5 minutes' },
});

/**
 * Two participants side by side, each on their own connection (`share: false`, as two browsers
 * would be): what one sends, both see, with the id the server gave it.
 */
export const ChatStory = defineComponent({
  name: 'ChatStory',
  props: {
    name: { type: String as PropType<StoryName>, required: true },
    title: { type: String, required: true },
    sides: { type: Object as PropType<Record<Participant, ChatSide>>, required: true },
  },
  setup(props) {
    const state = combine(participants.map((who) => props.sides[who].state));
    const drafts = participants.map((who) => shallowRef(SAY[who]));
    const column = (who: Participant, index: number) => {
      const side = props.sides[who];
      const draft = drafts[index]!;
      const submit = (event: Event) => {
        event.preventDefault();
        if (draft.value.trim() === '') return;
        side.send(draft.value);
      };
      return h('div', { 'data-participant': who }, [
        h('h3', { style: styles.title }, [
          `${who} `,
          h('small', { 'data-testid': `status-${who}` }, side.state.status.value),
        ]),
        h(MessageLog, { items: side.items, testid: `log-${who}`, label: `${who}'s messages` }),
        h('form', { style: styles.row2, onSubmit: submit }, [
          h('input', {
            'data-testid': `input-${who}`,
            'aria-label': `Message from ${who}`,
            value: draft.value,
            onInput: (event: Event) => (draft.value = (event.target as HTMLInputElement).value),
          }),
          h('button', { type: 'submit', 'data-testid': `send-${who}` }, 'Send'),
        ]),
      ]);
    };
    return () =>
      h(LiveStory, { name: props.name, title: props.title, state, publish: systemLine }, () =>
        h('div', { style: styles.columns }, participants.map(column)),
      );
  },
});
