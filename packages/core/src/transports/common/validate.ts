import { configError, type TidingsError } from '../../errors';

/** Checks a URL option; returns a `config` error that names the option and the value. */
export function checkUrl(name: string, url: unknown, schemes?: string[]): TidingsError | undefined {
  if (typeof url !== 'string' && !(url instanceof URL)) {
    return configError(`${name} must be a URL string, got ${typeof url}`);
  }
  const text = String(url);
  if (text.trim() === '') return configError(`${name} must not be empty`);
  if (!schemes) {
    // Relative URLs are fine (the page resolves them); this only catches malformed ones such as
    // "http://[", which would otherwise fail every attempt as a retryable network error.
    try {
      new URL(text, 'http://relative.invalid/');
    } catch {
      return configError(`${name} "${text}" is not a valid URL`);
    }
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return configError(`${name} "${text}" is not an absolute URL`);
  }
  if (!schemes.includes(parsed.protocol)) {
    return configError(`${name} "${text}" must use ${schemes.join(' or ')}`);
  }
  return undefined;
}

/** Checks a positive, finite number of milliseconds. */
export function checkDuration(name: string, value: unknown): TidingsError | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    return configError(`${name} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return undefined;
}

/** The first error of a list of checks. */
export function firstError(...errors: Array<TidingsError | undefined>): TidingsError | undefined {
  return errors.find((error) => error !== undefined);
}
