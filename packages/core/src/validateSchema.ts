import { TidingsError } from './errors';
import type { StandardSchemaV1 } from './standardSchema';

/**
 * Runs a consumer's `schema` on a decoded message and returns the schema's output (which may be
 * transformed). Throws a `parse` TidingsError on issues, so the message is skipped like any bad
 * frame. Validation must be synchronous: messages are delivered in order, one frame at a time, and
 * awaiting a validator would let the next frame overtake this one; an async schema is refused with
 * a `config` error (not retried) rather than reordering or stalling the stream.
 */
export function validateSchema(
  schema: StandardSchemaV1 | undefined,
  value: unknown,
  what: string,
): unknown {
  if (!schema) return value;
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) {
    // Nobody will look at the settled promise: keep a rejection from going unhandled.
    result.catch(() => {});
    throw new TidingsError(
      'config',
      `The schema validated the ${what} asynchronously; tidings needs a synchronous schema to keep messages in order`,
      { retryable: false },
    );
  }
  if (result.issues) {
    throw new TidingsError('parse', `Invalid ${what}: ${describeIssues(result.issues)}`, {
      cause: result.issues,
      retryable: false,
    });
  }
  return result.value;
}

function describeIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): string {
  return issues
    .map((issue) => {
      const path = issue.path?.map((segment) =>
        typeof segment === 'object' ? String(segment.key) : String(segment),
      );
      return path?.length ? `${path.join('.')}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
