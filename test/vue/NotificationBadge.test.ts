// @vitest-environment jsdom

import { cleanup, render, screen } from '@testing-library/vue';
import { NotificationBadge } from '@tidings/vue';
import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'vue';

function bubble(container: Element): Element | null {
  return container.querySelector('[data-tidings-badge]');
}

describe('<NotificationBadge>', () => {
  afterEach(cleanup);

  it('shows the count with a polite status region and the default label', () => {
    const { container } = render(NotificationBadge, { props: { count: 3 } });
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('3 unread notifications');
    expect(bubble(container)?.textContent).toBe('3');
  });

  it('caps at max with a plus; 99 by default', () => {
    const a = render(NotificationBadge, { props: { count: 150 } });
    expect(bubble(a.container)?.textContent).toBe('99+');
    a.unmount();
    const b = render(NotificationBadge, { props: { count: 12, max: 9 } });
    expect(bubble(b.container)?.textContent).toBe('9+');
  });

  it('hides at zero unless showZero', () => {
    const a = render(NotificationBadge, { props: { count: 0 } });
    expect(bubble(a.container)).toBeNull();
    a.unmount();
    const b = render(NotificationBadge, { props: { count: 0, showZero: true } });
    expect(bubble(b.container)?.textContent).toBe('0');
  });

  it('dot shows no number; status other than open dims it with a ring', () => {
    const { container } = render(NotificationBadge, {
      props: { count: 5, dot: true, status: 'reconnecting' },
    });
    const el = bubble(container) as HTMLElement;
    expect(el.textContent).toBe('');
    expect(el.dataset.status).toBe('reconnecting');
    expect(el.style.boxShadow).toContain('--tidings-badge-ring');
    const open = render(NotificationBadge, { props: { count: 5, status: 'open' } });
    expect((bubble(open.container) as HTMLElement).style.boxShadow).toBe('');
  });

  it('takes a label string or function, and the default slot as the anchor', () => {
    const { container } = render(NotificationBadge, {
      props: { count: 1, label: (n: number) => `${n} new message` },
      slots: { default: () => h('button', 'Inbox') },
    });
    expect(screen.getByRole('status').textContent).toBe('1 new message');
    expect(screen.getByRole('button').textContent).toBe('Inbox');
    expect(container.querySelector('[data-tidings-badge-anchor] > button')).not.toBeNull();
  });

  it('renders a hostile label as text, never HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = render(NotificationBadge, { props: { count: 1, label: hostile } });
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(hostile);
  });

  it('is themable through CSS custom properties', () => {
    const { container } = render(NotificationBadge, { props: { count: 2 } });
    const style = (bubble(container) as HTMLElement).getAttribute('style') ?? '';
    expect(style).toContain('var(--tidings-badge-bg');
    expect(style).toContain('var(--tidings-badge-color');
  });
});
