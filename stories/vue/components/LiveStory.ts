import type { UseChannelReturn } from '@tidings/vue';
import { defineComponent, h, type PropType } from 'vue';
import type { PublishInput } from '../../common/control';
import type { StoryName } from '../../common/storyNames';
import { ControlPanel } from './ControlPanel';
import { StatusPanel } from './StatusPanel';

/** The state a {@link LiveStory} shows: a composable's return value, or a summary of several. */
export type LiveState = Pick<
  UseChannelReturn<unknown>,
  'status' | 'attempt' | 'cursor' | 'received' | 'error'
>;

/**
 * The frame of every live story, as in the React Storybook: `<section class="tid-story"
 * data-story="<name>">` with a heading and a one-line explanation, the `top` slot (a form), a
 * row of the `side` slot (the bell), the status panel read from `state` and the control panel
 * (with the `controls` slot in it), then the default slot (the log).
 */
export const LiveStory = defineComponent({
  name: 'LiveStory',
  props: {
    name: { type: String as PropType<StoryName>, required: true },
    title: { type: String, required: true },
    lead: { type: String, default: undefined },
    state: { type: Object as PropType<LiveState>, required: true },
    publish: { type: Function as PropType<() => PublishInput>, default: undefined },
    /** A note under the status panel (what its figures count). */
    note: { type: String, default: undefined },
  },
  setup(props, { slots }) {
    return () => {
      const { status, attempt, cursor, received, error } = props.state;
      return h('section', { class: 'tid-story', 'data-story': props.name }, [
        h('h2', props.title),
        props.lead ? h('p', { class: 'tid-lead' }, props.lead) : null,
        slots.top?.(),
        h('div', { class: 'tid-row' }, [
          slots.side?.(),
          h(StatusPanel, {
            status: status.value,
            attempt: attempt.value,
            cursor: cursor.value,
            received: received.value,
            error: error.value,
            note: props.note,
          }),
          h(ControlPanel, { publish: props.publish }, { default: () => slots.controls?.() }),
        ]),
        slots.default?.(),
      ]);
    };
  },
});
