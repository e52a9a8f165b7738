import { type BadgeInput, type BadgeView, badgeStyles, describeBadge } from '@tidings/core/binding';
import { describe, expect, it } from 'vitest';

describe('describeBadge', () => {
  const cases: Array<[string, BadgeInput, Partial<BadgeView>]> = [
    ['hidden at zero', { count: 0 }, { visible: false, text: '0' }],
    ['shown at zero with showZero', { count: 0, showZero: true }, { visible: true, text: '0' }],
    ['the count as text', { count: 7 }, { visible: true, text: '7' }],
    ['max exactly', { count: 99 }, { text: '99' }],
    ['above the default max', { count: 100 }, { text: '99+' }],
    ['above a custom max', { count: 10, max: 9 }, { text: '9+' }],
    ['no text for a dot', { count: 5, dot: true }, { visible: true, text: undefined }],
    ['NaN counts as 0', { count: Number.NaN }, { visible: false, text: '0' }],
    ['negative counts as 0', { count: -3 }, { visible: false }],
    ['fractions round down', { count: 2.9 }, { text: '2' }],
    ['not dimmed without a status', { count: 1 }, { dimmed: false }],
    ['not dimmed while open', { count: 1, status: 'open' }, { dimmed: false }],
    ['dimmed while reconnecting', { count: 1, status: 'reconnecting' }, { dimmed: true }],
    ['dimmed while closed', { count: 1, status: 'closed' }, { dimmed: true }],
    ['singular default name', { count: 1 }, { name: '1 unread notification' }],
    ['plural default name', { count: 120 }, { name: '120 unread notifications' }],
    ['a string label', { count: 2, label: 'Inbox' }, { name: 'Inbox' }],
    [
      'a label function gets the safe count',
      { count: 3.5, label: (n) => `${n} new` },
      { name: '3 new' },
    ],
  ];

  it.each(cases)('%s', (_title, input, expected) => {
    expect(describeBadge(input)).toMatchObject(expected);
  });
});

describe('badgeStyles', () => {
  it('are plain strings that read a CSS custom property for every themable value', () => {
    for (const part of Object.values(badgeStyles)) {
      for (const value of Object.values(part)) expect(typeof value).toBe('string');
    }
    expect(badgeStyles.bubble.background).toBe('var(--tidings-badge-bg, #d92d20)');
    expect(badgeStyles.dimmed.boxShadow).toBe('0 0 0 2px var(--tidings-badge-ring, #98a2b3)');
  });
});
