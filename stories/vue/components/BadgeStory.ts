import { NotificationBadge } from '@tidings/vue';
import { defineComponent, h, type PropType, shallowRef, watch } from 'vue';
import type { LogLine } from '../../common/describe';
import type { StoryName } from '../../common/storyNames';
import type { StoryText } from '../../common/storyTexts';
import { BellIcon } from './Bell';
import { type LiveState, LiveStory } from './LiveStory';
import { MessageLog } from './MessageLog';

/**
 * An unread badge on a bell, fed by a composable, as in the React Storybook: `unread` is the count
 * the transport reports; clicking the bell marks what was seen so far as read.
 */
export const BadgeStory = defineComponent({
  name: 'BadgeStory',
  props: {
    name: { type: String as PropType<StoryName>, required: true },
    text: { type: Object as PropType<StoryText>, required: true },
    state: { type: Object as PropType<LiveState>, required: true },
    unread: { type: Number, required: true },
    lines: { type: Array as PropType<readonly LogLine[]>, required: true },
    /** The log's heading. @default 'Messages' */
    logTitle: { type: String, default: undefined },
  },
  setup(props, { slots }) {
    const seen = shallowRef(0);
    // A reset on the server lowers `unread` below what was seen: count again from there.
    watch(
      () => props.unread,
      (unread) => {
        if (unread < seen.value) seen.value = unread;
      },
    );
    return () =>
      h(
        LiveStory,
        { name: props.name, ...props.text, state: props.state },
        {
          side: () =>
            h(
              'div',
              { class: 'tid-card', style: { display: 'flex', alignItems: 'center', gap: '14px' } },
              [
                h(
                  NotificationBadge,
                  {
                    count: Math.max(0, props.unread - seen.value),
                    status: props.state.status.value,
                  },
                  () =>
                    h(
                      'button',
                      {
                        type: 'button',
                        class: 'tid-bell',
                        'aria-label': 'Notifications',
                        'data-testid': 'mark-read',
                        onClick: () => (seen.value = props.unread),
                      },
                      [h(BellIcon)],
                    ),
                ),
                h('span', { class: 'tid-muted' }, 'Click the bell to mark everything read.'),
              ],
            ),
          controls: () => slots.controls?.(),
          default: () => h(MessageLog, { lines: props.lines, title: props.logTitle }),
        },
      );
  },
});
