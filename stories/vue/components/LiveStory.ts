import type { UseChannelReturn } from '@tidings/vue';
import { defineComponent, h, type PropType } from 'vue';
import type { PublishInput } from '../../shared/control';
import type { StoryName } from '../../shared/storyNames';
import { ControlPanel } from './ControlPanel';
import { StatusPanel } from './StatusPanel';
import { styles } from './styles';

/** The state a {@link LiveStory} shows: a composable's return value, or a summary of several. */
export type LiveState = Pick<
  UseChannelReturn<unknown>,
  'status' | 'attempt' | 'cursor' | 'received' | 'error'
>;

/**
 * The frame of every live story: `<section data-story="<name>">` with a title, the story's own
 * content (default slot), the status panel read from `state` and the control panel.
 */
export const LiveStory = defineComponent({
  name: 'LiveStory',
  props: {
    name: { type: String as PropType<StoryName>, required: true },
    title: { type: String, required: true },
    state: { type: Object as PropType<LiveState>, required: true },
    publish: { type: Function as PropType<() => PublishInput>, default: undefined },
  },
  setup(props, { slots }) {
    return () => {
      const { status, attempt, cursor, received, error } = props.state;
      return h('section', { 'data-story': props.name, style: styles.story }, [
        h('h2', { style: styles.title }, props.title),
        slots.default?.(),
        h('div', { style: styles.panels }, [
          h(StatusPanel, {
            status: status.value,
            attempt: attempt.value,
            cursor: cursor.value,
            received: received.value,
            error: error.value,
          }),
          h(ControlPanel, { publish: props.publish }),
        ]),
      ]);
    };
  },
});
