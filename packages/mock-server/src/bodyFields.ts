import { badRequest } from './errors';

/** How a body's refusals name it: the whole body, and one of its fields. */
export interface BodyNames {
  /** The 400 for a body that is not a JSON object (`faults must be a JSON object`). */
  notAnObject: string;
  /** The word before "field" for a field it does not know (`unknown fault field "x"`). */
  field: string;
}

/**
 * A JSON body (or an option) that must be an object holding only `known` fields: anything else is
 * refused with a 400 naming what is wrong, before any field is read.
 */
export function knownFields(
  input: unknown,
  known: ReadonlySet<string>,
  names: BodyNames,
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badRequest(names.notAnObject);
  }
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.has(key)) throw badRequest(`unknown ${names.field} field "${key}"`);
  }
  return record;
}

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
