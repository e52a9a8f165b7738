import type { Status } from '@tidings/core';
import { badgeStyles, describeBadge } from '@tidings/core/binding';
import { defineComponent, h, type PropType } from 'vue';

// Re-exported so `@tidings/vue` keeps exporting the default look it always had.
export { badgeStyles };

/** Props of {@link NotificationBadge}: the same as React's `<NotificationBadge>`. */
export interface NotificationBadgeProps {
  /** Number of unread items. @default 0 */
  count?: number;
  /** Above this the badge shows `${max}+`. @default 99 */
  max?: number;
  /** Show a small dot instead of the number. @default false */
  dot?: boolean;
  /** Show the badge when `count` is 0. @default false */
  showZero?: boolean;
  /** Connection status; anything but `open` dims the badge and draws a ring. @default undefined (not shown) */
  status?: Status;
  /** Accessible name, announced politely when it changes. @default "N unread notifications" */
  label?: string | ((count: number) => string);
}

/**
 * An unread-count badge. Renders text only (through `h()` children, never `innerHTML`), themable
 * through CSS custom properties (`--tidings-badge-bg`, `--tidings-badge-color`,
 * `--tidings-badge-size`, `--tidings-badge-ring`, ...). The count is announced through a polite
 * `role="status"` live region that stays mounted, so changes are read out. The default slot is the
 * anchor the badge sits on.
 *
 * @example
 * <NotificationBadge :count="data?.unread ?? 0" :status="status"><BellIcon /></NotificationBadge>
 */
export const NotificationBadge = defineComponent({
  name: 'NotificationBadge',
  props: {
    count: { type: Number, default: 0 },
    max: { type: Number, default: 99 },
    dot: { type: Boolean, default: false },
    showZero: { type: Boolean, default: false },
    status: { type: String as PropType<Status>, default: undefined },
    label: {
      type: [String, Function] as PropType<string | ((count: number) => string)>,
      default: undefined,
    },
  },
  setup(props, { slots }) {
    return () => {
      const { visible, text, name, dimmed } = describeBadge(props);
      return h('span', { 'data-tidings-badge-anchor': '', style: badgeStyles.anchor }, [
        slots.default?.(),
        h(
          'span',
          {
            role: 'status',
            'aria-live': 'polite',
            'aria-atomic': 'true',
            'aria-label': visible ? name : undefined,
            style: badgeStyles.visuallyHidden,
          },
          visible ? name : '',
        ),
        visible
          ? h(
              'span',
              {
                'aria-hidden': 'true',
                'data-tidings-badge': '',
                'data-status': props.status,
                style: [
                  badgeStyles.bubble,
                  props.dot ? badgeStyles.dot : undefined,
                  dimmed ? badgeStyles.dimmed : undefined,
                ],
              },
              text,
            )
          : null,
      ]);
    };
  },
});
