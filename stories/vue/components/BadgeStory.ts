import { NotificationBadge } from '@tidings/vue';
import { defineComponent, h, type PropType, shallowRef, watch } from 'vue';
import type { StoryName } from '../../shared/storyNames';
import { Bell } from './Bell';
import { type LiveState, LiveStory } from './LiveStory';
import { type LogItem, MessageLog } from './MessageLog';
import { styles } from './styles';

/**
 * An unread badge on a bell, fed by a composable: `unread` is the count the transport reports,
 * "Mark all read" hides what was seen so far (as a site would after opening the list).
 */
export const BadgeStory = defineComponent({
  name: 'BadgeStory',
  props: {
    name: { type: String as PropType<StoryName>, required: true },
    title: { type: String, required: true },
    state: { type: Object as PropType<LiveState>, required: true },
    unread: { type: Number, required: true },
    items: { type: Array as PropType<readonly LogItem[]>, required: true },
  },
  setup(props) {
    const seen = shallowRef(0);
    // A reset on the server lowers `unread` below what was seen: count again from there.
    watch(
      () => props.unread,
      (unread) => {
        if (unread < seen.value) seen.value = unread;
      },
    );
    return () => {
      return h(LiveStory, { name: props.name, title: props.title, state: props.state }, () => [
        h('div', { style: styles.row2 }, [
          h(
            NotificationBadge,
            { count: props.unread - seen.value, status: props.state.status.value },
            () => h(Bell),
          ),
          h(
            'button',
            {
              type: 'button',
              'data-testid': 'mark-read',
              onClick: () => (seen.value = props.unread),
            },
            'Mark all read',
          ),
        ]),
        h(MessageLog, { items: props.items }),
      ]);
    };
  },
});
