import type { Status } from '@tidings/core';
import { NotificationBadge } from '@tidings/react';

export interface BellProps {
  count: number;
  status: Status;
  /** Marks everything read. */
  onOpen?: () => void;
}

/** A bell icon (inline SVG, so no icon font or emoji font is needed). */
export function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0"
      />
    </svg>
  );
}

/** The realistic use of the badge: a bell button in a header, dimmed while not connected. */
export function Bell({ count, status, onOpen }: BellProps) {
  return (
    <div className="tid-card" style={{ display: 'flex', alignItems: 'center', gap: 14 }}>
      <NotificationBadge count={count} status={status}>
        <button type="button" className="tid-bell" aria-label="Notifications" onClick={onOpen}>
          <BellIcon />
        </button>
      </NotificationBadge>
      <span className="tid-muted">Click the bell to mark everything read.</span>
    </div>
  );
}
