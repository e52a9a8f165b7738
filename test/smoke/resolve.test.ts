import { version } from '@tidings/core';
import { expect, it } from 'vitest';

it('resolves workspace packages from source', () => {
  expect(version).toBe('0.1.0');
});
