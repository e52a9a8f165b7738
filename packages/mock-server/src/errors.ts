/** A request the server refuses: answered as `status` with `{ error: message }`. */
export class HttpError extends Error {
  readonly kind = 'http';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string): HttpError => new HttpError(400, message);

/**
 * Parses a query value that must be a non-negative integer; empty or missing gives undefined.
 * Round-tripping through `Number` keeps "1e3", "0x10" and "-1" out without a pattern.
 */
export function nonNegativeInt(name: string, value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0 || String(number) !== value) {
    throw badRequest(`${name} must be a non-negative integer, got "${value}"`);
  }
  return number;
}
