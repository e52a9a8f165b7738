import { type BadgeInput, badgeStyles, describeBadge } from '@tidings/core/binding';
import type { HTMLAttributes, ReactNode } from 'react';

// Re-exported so `@tidings/react` keeps exporting the default look it always had.
export { badgeStyles };

/** The badge's own props (`count`, `max`, `dot`, `showZero`, `status`, `label`) are core's. */
export interface NotificationBadgeProps
  extends BadgeInput,
    Omit<HTMLAttributes<HTMLSpanElement>, 'children' | 'role'> {
  /** The anchor the badge sits on (a bell icon, a link). */
  children?: ReactNode;
}

/**
 * An unread-count badge. Renders text only (React escapes it; no HTML is ever injected), themable
 * through CSS custom properties (`--tidings-badge-bg`, `--tidings-badge-color`,
 * `--tidings-badge-size`, `--tidings-badge-ring`, ...). The count is announced through a polite
 * `role="status"` live region that stays mounted, so changes are read out.
 *
 * @example
 * <NotificationBadge count={data?.unread ?? 0} status={status}><BellIcon /></NotificationBadge>
 */
export function NotificationBadge({
  count = 0,
  max = 99,
  dot = false,
  showZero = false,
  status,
  label,
  children,
  style,
  ...rest
}: NotificationBadgeProps): ReactNode {
  const { visible, text, name, dimmed } = describeBadge({
    count,
    max,
    dot,
    showZero,
    status,
    label,
  });
  return (
    <span {...rest} data-tidings-badge-anchor="" style={{ ...badgeStyles.anchor, ...style }}>
      {children}
      <span
        role="status"
        aria-live="polite"
        aria-atomic="true"
        aria-label={visible ? name : undefined}
        style={badgeStyles.visuallyHidden}
      >
        {visible ? name : ''}
      </span>
      {visible && (
        <span
          aria-hidden="true"
          data-tidings-badge=""
          data-status={status}
          style={{
            ...badgeStyles.bubble,
            ...(dot ? badgeStyles.dot : undefined),
            ...(dimmed ? badgeStyles.dimmed : undefined),
          }}
        >
          {text}
        </span>
      )}
    </span>
  );
}
