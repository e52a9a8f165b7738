import type { Meta, StoryObj } from '@storybook/react-vite';
import { NotificationBadge } from '@tidings/react';
import type { CSSProperties } from 'react';
import { badgeArgTypes } from '../../common/badgeArgTypes';
import { BellIcon } from '../components/Bell';

const bell = (
  <span className="tid-bell" aria-hidden="true">
    <BellIcon />
  </span>
);

const meta: Meta<typeof NotificationBadge> = {
  title: 'Components/NotificationBadge',
  component: NotificationBadge,
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component:
          'An unread-count badge: text only (never HTML), a polite `role="status"` live region ' +
          'that stays mounted, dimmed with a ring while the connection is not `open`, and ' +
          'themable through CSS custom properties (`--tidings-badge-*`).',
      },
    },
  },
  args: { count: 3, max: 99, dot: false, showZero: false, children: bell },
  argTypes: {
    ...badgeArgTypes,
    children: {
      control: false,
      description: 'The anchor the badge sits on (a bell icon, a link).',
      table: { type: { summary: 'ReactNode' } },
    },
  },
  decorators: [(Story) => <div style={{ padding: 16 }}>{Story()}</div>],
};

export default meta;

type Story = StoryObj<typeof NotificationBadge>;

export const Default: Story = {};

/** Above `max`, the badge shows `max+`. */
export const OverMax: Story = { args: { count: 150, max: 99 } };

/** A dot instead of the number (the count is still announced). */
export const Dot: Story = { args: { dot: true } };

/** Hidden at 0 unless `showZero`. */
export const Zero: Story = { args: { count: 0, showZero: true } };

/** Anything but `open` dims the badge and draws a ring: the count may be stale. */
export const Reconnecting: Story = { args: { status: 'reconnecting' } };

/** The accessible name: a string, or a function of the count. */
export const CustomLabel: Story = {
  args: { count: 2, label: (count: number) => `${count} new messages from support` },
};

/** Any anchor: a link, an avatar, a tab label. */
export const OnALink: Story = {
  args: {
    count: 12,
    children: (
      <a href="#inbox" style={{ font: '500 15px system-ui', padding: '4px 10px 4px 0' }}>
        Inbox
      </a>
    ),
  },
};

const purple = {
  '--tidings-badge-bg': '#7f56d9',
  '--tidings-badge-color': '#fff',
  '--tidings-badge-size': '1.6em',
  '--tidings-badge-radius': '6px',
  '--tidings-badge-font': '700 0.8em/1.6em ui-monospace, monospace',
  '--tidings-badge-top': '2px',
  '--tidings-badge-right': '2px',
} as CSSProperties;

/** Theming is CSS custom properties only, set here through `style` (a class or `:root` works too). */
export const Themed: Story = { args: { count: 42, style: purple } };
