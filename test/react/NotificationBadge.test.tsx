// @vitest-environment jsdom

import { cleanup, render, screen } from '@testing-library/react';
import { NotificationBadge } from '@tidings/react';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(cleanup);

const bubble = (container: HTMLElement) => container.querySelector('[data-tidings-badge]');

describe('<NotificationBadge>', () => {
  it('is hidden at 0 unless showZero', () => {
    const { container, rerender } = render(<NotificationBadge count={0} />);
    expect(bubble(container)).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
    rerender(<NotificationBadge count={0} showZero />);
    expect(bubble(container)?.textContent).toBe('0');
    expect(screen.getByRole('status', { name: '0 unread notifications' })).toBeTruthy();
  });

  it('shows 99+ above max, and max is configurable', () => {
    const { container, rerender } = render(<NotificationBadge count={100} />);
    expect(bubble(container)?.textContent).toBe('99+');
    rerender(<NotificationBadge count={99} />);
    expect(bubble(container)?.textContent).toBe('99');
    rerender(<NotificationBadge count={10} max={9} />);
    expect(bubble(container)?.textContent).toBe('9+');
  });

  it('has the right accessible name in a polite live region', () => {
    const { rerender } = render(<NotificationBadge count={100} />);
    const status = screen.getByRole('status', { name: '100 unread notifications' });
    expect(status.getAttribute('aria-live')).toBe('polite');
    rerender(<NotificationBadge count={1} />);
    expect(screen.getByRole('status', { name: '1 unread notification' })).toBe(status);
    rerender(<NotificationBadge count={3} label={(n) => `${n} new messages`} />);
    expect(screen.getByRole('status', { name: '3 new messages' })).toBe(status);
  });

  it('renders hostile text as text, never as HTML', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const { container } = render(
      <NotificationBadge count={2} label={attack}>
        {attack}
      </NotificationBadge>,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('status', { name: attack }).textContent).toBe(attack);
    expect(container.textContent).toContain(attack);
  });

  it('shows a dot without a number', () => {
    const { container } = render(<NotificationBadge count={5} dot />);
    expect(bubble(container)?.textContent).toBe('');
    expect(screen.getByRole('status', { name: '5 unread notifications' })).toBeTruthy();
  });

  it('dims with a ring while not open, and wraps its anchor', () => {
    const { container, rerender } = render(
      <NotificationBadge count={3} status="reconnecting">
        <button type="button">Inbox</button>
      </NotificationBadge>,
    );
    const dimmed = bubble(container) as HTMLElement;
    expect(dimmed.dataset.status).toBe('reconnecting');
    expect(dimmed.style.opacity).toContain('--tidings-badge-dimmed-opacity');
    expect(dimmed.style.boxShadow).toContain('--tidings-badge-ring');
    expect(screen.getByRole('button', { name: 'Inbox' })).toBeTruthy();
    rerender(<NotificationBadge count={3} status="open" />);
    const open = bubble(container) as HTMLElement;
    expect(open.style.opacity).toBe('');
    expect(open.style.background).toContain('--tidings-badge-bg');
    expect(open.style.color).toContain('--tidings-badge-color');
  });
});
