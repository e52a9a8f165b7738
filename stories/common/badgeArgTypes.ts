/**
 * The props table of `<NotificationBadge>`, the same in the React and Vue Storybooks. Written out
 * because neither docgen reads it: react-docgen does not follow the props `NotificationBadgeProps`
 * inherits from core's imported `BadgeInput` (so `status` and `label` showed "-" and booleans were
 * JSON textareas), and the Vue Storybook runs without docgen. The texts are `BadgeInput`'s JSDoc.
 */
const STATUSES = ['idle', 'connecting', 'open', 'reconnecting', 'closed'] as const;

export const badgeArgTypes = {
  count: {
    description: 'Number of unread items; anything not a finite number counts as 0.',
    control: { type: 'number', min: 0 },
    table: { type: { summary: 'number' }, defaultValue: { summary: '0' } },
  },
  max: {
    description: 'Above this the badge shows `max+` (`99+`).',
    control: { type: 'number', min: 1 },
    table: { type: { summary: 'number' }, defaultValue: { summary: '99' } },
  },
  dot: {
    description: 'Show a small dot instead of the number (the count is still announced).',
    control: 'boolean',
    table: { type: { summary: 'boolean' }, defaultValue: { summary: 'false' } },
  },
  showZero: {
    description: 'Show the badge when `count` is 0.',
    control: 'boolean',
    table: { type: { summary: 'boolean' }, defaultValue: { summary: 'false' } },
  },
  status: {
    description:
      'Connection status; anything but `open` dims the badge with a ring, so a stale count shows as such.',
    control: 'select',
    options: [undefined, ...STATUSES],
    table: {
      type: { summary: STATUSES.map((s) => `'${s}'`).join(' | ') },
      defaultValue: { summary: 'undefined (not dimmed)' },
    },
  },
  label: {
    description: 'Accessible name, announced by the `role="status"` live region.',
    control: 'text',
    table: {
      type: { summary: 'string | ((count: number) => string)' },
      defaultValue: { summary: '"N unread notifications"' },
    },
  },
} as const;
