import type { Status } from '@tidings/core';
import { type CSSProperties, defineComponent, h, type PropType } from 'vue';

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

/** Default look; every value reads a CSS custom property first, so a theme only sets variables. */
export const badgeStyles = {
  anchor: { position: 'relative', display: 'inline-flex', verticalAlign: 'middle' },
  bubble: {
    position: 'absolute',
    top: 'var(--tidings-badge-top, 0)',
    right: 'var(--tidings-badge-right, 0)',
    transform: 'translate(50%, -50%)',
    boxSizing: 'border-box',
    minWidth: 'var(--tidings-badge-size, 1.25em)',
    height: 'var(--tidings-badge-size, 1.25em)',
    padding: '0 var(--tidings-badge-padding, 0.375em)',
    borderRadius: 'var(--tidings-badge-radius, 999px)',
    background: 'var(--tidings-badge-bg, #d92d20)',
    color: 'var(--tidings-badge-color, #fff)',
    font: 'var(--tidings-badge-font, 600 0.75em/1.25em system-ui, sans-serif)',
    textAlign: 'center',
    whiteSpace: 'nowrap',
    pointerEvents: 'none',
  },
  dot: {
    minWidth: 'var(--tidings-badge-dot-size, 0.625em)',
    height: 'var(--tidings-badge-dot-size, 0.625em)',
    padding: '0',
  },
  dimmed: {
    opacity: 'var(--tidings-badge-dimmed-opacity, 0.55)',
    boxShadow: '0 0 0 2px var(--tidings-badge-ring, #98a2b3)',
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: '0',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: '0',
  },
} satisfies Record<string, CSSProperties>;

function defaultLabel(count: number): string {
  return `${count} unread notification${count === 1 ? '' : 's'}`;
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
      const count = Number.isFinite(props.count) ? Math.max(0, Math.floor(props.count)) : 0;
      const visible = count > 0 || props.showZero;
      const text = count > props.max ? `${props.max}+` : String(count);
      const name =
        typeof props.label === 'function'
          ? props.label(count)
          : (props.label ?? defaultLabel(count));
      const dimmed = props.status !== undefined && props.status !== 'open';
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
              props.dot ? undefined : text,
            )
          : null,
      ]);
    };
  },
});
