import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { NotificationBadge } from '@tidings/vue';
import { h } from 'vue';
import { badgeArgTypes } from '../common/badgeArgTypes';
import { Bell } from './components/Bell';

const meta = {
  title: 'Components/NotificationBadge',
  component: NotificationBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'An unread-count badge on an anchor (the default slot). Text only, never HTML; a polite `role="status"` region announces changes; themed with `--tidings-badge-*` CSS custom properties. Any `status` but `open` dims it with a ring, so a stale count is visible as such.',
      },
    },
  },
  args: { count: 3, max: 99, dot: false, showZero: false, status: 'open' },
  argTypes: badgeArgTypes,
  render: (args) => ({
    setup: () => () => h(NotificationBadge, args, () => h(Bell)),
  }),
} satisfies Meta<typeof NotificationBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** Above `max` the badge shows `99+`. */
export const OverMax: Story = { args: { count: 250 } };

/** A small dot, when the number does not matter. */
export const Dot: Story = { args: { dot: true } };

/** Hidden at 0 unless `showZero`. */
export const Zero: Story = { args: { count: 0, showZero: true } };

/** The connection is down: the count may be stale, so the badge is dimmed with a ring. */
export const Reconnecting: Story = { args: { status: 'reconnecting' } };

/** A custom accessible name (a function receives the count). */
export const CustomLabel: Story = {
  args: { count: 2, label: (count: number) => `${count} new messages in #release` },
};

/** Any anchor: a link, an avatar, a tab label. */
export const OnALink: Story = {
  args: { count: 12 },
  render: (args) => ({
    setup: () => () =>
      h(NotificationBadge, args, () =>
        h(
          'a',
          { href: '#inbox', style: { font: '500 15px system-ui', padding: '4px 10px 4px 0' } },
          'Inbox',
        ),
      ),
  }),
};

/** Themed with CSS custom properties on an ancestor. */
export const Themed: Story = {
  args: { count: 12 },
  render: (args) => ({
    setup: () => () =>
      h(
        'div',
        {
          style: {
            '--tidings-badge-bg': '#1d4ed8',
            '--tidings-badge-color': '#fff',
            '--tidings-badge-radius': '4px',
          },
        },
        h(NotificationBadge, args, () => h(Bell)),
      ),
  }),
};
