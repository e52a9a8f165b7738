import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { NotificationBadge } from '@tidings/vue';
import { h } from 'vue';
import { Bell } from './components/Bell';

const STATUSES = ['idle', 'connecting', 'open', 'reconnecting', 'closed'] as const;

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
  argTypes: {
    count: {
      control: { type: 'number', min: 0 },
      description: 'Unread items.',
      table: { defaultValue: { summary: '0' } },
    },
    max: {
      control: { type: 'number', min: 1 },
      description: 'Above it the badge shows `max+`.',
      table: { defaultValue: { summary: '99' } },
    },
    dot: {
      control: 'boolean',
      description: 'A dot instead of the number.',
      table: { defaultValue: { summary: 'false' } },
    },
    showZero: {
      control: 'boolean',
      description: 'Show the badge at 0.',
      table: { defaultValue: { summary: 'false' } },
    },
    status: {
      control: 'select',
      options: [undefined, ...STATUSES],
      description: 'Connection status; anything but `open` dims the badge with a ring.',
    },
    label: {
      control: 'text',
      description: 'Accessible name: a string or `(count) => string`.',
      table: { defaultValue: { summary: '"N unread notifications"' } },
    },
  },
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
