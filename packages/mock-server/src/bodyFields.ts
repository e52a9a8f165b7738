import { badRequest } from './errors';

/**
 * An optional number field of a JSON body, refused with a 400 naming the field when it is not a
 * finite number from `min` to `max`; missing gives undefined.
 */
export function numberField(
  input: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw badRequest(`${name} must be a number from ${min} to ${max}`);
  }
  return value;
}

/** {@link numberField} that must also be an integer. */
export function integerField(
  input: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = numberField(input, name, min, max);
  if (value !== undefined && !Number.isInteger(value)) {
    throw badRequest(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
