// @vitest-environment jsdom
import { version } from '@tidings/core';
import { expect, it } from 'vitest';

it('runs DOM tests against workspace sources', () => {
  expect(typeof window).toBe('object');
  expect(version).toBe('0.1.0');
});
