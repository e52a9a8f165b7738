import type { Status } from './types';

/**
 * Default look of `<NotificationBadge>`, shared by the React and Vue components. Every value is a
 * string that reads a CSS custom property first, so a theme only sets variables; strings (not
 * React's unitless numbers) so the same object works as a React `style` and a Vue `:style`.
 */
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
  // Dimmed by a grey fill, not by transparency: white on the default red at 55% opacity fell to
  // 2.45:1 contrast; white on #667085 keeps 4.8:1 (WCAG AA) while reading as "not live".
  dimmed: {
    background: 'var(--tidings-badge-dimmed-bg, #667085)',
    opacity: 'var(--tidings-badge-dimmed-opacity, 1)',
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
} as const satisfies Record<string, Record<string, string>>;

/** What decides a badge's content; the props both components share. */
export interface BadgeInput {
  /** Number of unread items; anything not a finite number counts as 0. @default 0 */
  count?: number;
  /** Above this the badge shows `${max}+`. @default 99 */
  max?: number;
  /** Show a small dot instead of the number. @default false */
  dot?: boolean;
  /** Show the badge when `count` is 0. @default false */
  showZero?: boolean;
  /** Connection status; anything but `open` dims the badge. @default undefined (not dimmed) */
  status?: Status;
  /** Accessible name. @default "N unread notifications" */
  label?: string | ((count: number) => string);
}

/** What a badge shows, ready for any renderer. */
export interface BadgeView {
  /** Whether the bubble and its accessible name are shown. */
  visible: boolean;
  /** The bubble's text (`"5"`, `"99+"`); `undefined` for a dot. */
  text: string | undefined;
  /** The accessible name announced by the live region. */
  name: string;
  /** The connection is not open: the bubble is drawn with `badgeStyles.dimmed`. */
  dimmed: boolean;
}

/**
 * The display rules of `<NotificationBadge>`, so the React and Vue components only render.
 *
 * @example
 * describeBadge({ count: 120 }); // { visible: true, text: '99+', name: '120 unread notifications', dimmed: false }
 */
export function describeBadge({
  count = 0,
  max = 99,
  dot = false,
  showZero = false,
  status,
  label,
}: BadgeInput): BadgeView {
  // A count from the network may be NaN, negative or fractional; none of those is worth showing.
  const safe = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  return {
    visible: safe > 0 || showZero,
    text: dot ? undefined : safe > max ? `${max}+` : String(safe),
    name: typeof label === 'function' ? label(safe) : (label ?? defaultLabel(safe)),
    dimmed: status !== undefined && status !== 'open',
  };
}

function defaultLabel(count: number): string {
  return `${count} unread notification${count === 1 ? '' : 's'}`;
}
