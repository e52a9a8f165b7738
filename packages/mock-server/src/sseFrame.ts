/** CR, LF or NUL: any of them in `id` or `event` would end the field and start another one. */
const FIELD_BREAKERS = ['\r', '\n', '\0'];

function field(name: string, value: string): string {
  if (FIELD_BREAKERS.some((breaker) => value.includes(breaker))) {
    // Publish input is validated long before here: reaching this is a bug, never a client's doing.
    throw new TypeError(`SSE ${name} must not contain CR, LF or NUL: ${JSON.stringify(value)}`);
  }
  return `${name}: ${value}\n`;
}

/**
 * One Server-Sent Events frame. A multi-line payload needs one `data:` line per line, and SSE ends
 * a line at CR, LF or CRLF alike, so each of them starts a new `data:` line (a bare CR left in
 * would let a payload write its own `id:` or `retry:` field).
 */
export function sseFrame(fields: { id?: string; event?: string; data: string }): string {
  let frame = '';
  if (fields.id !== undefined) frame += field('id', fields.id);
  if (fields.event !== undefined) frame += field('event', fields.event);
  const lines = fields.data.replaceAll('\r\n', '\n').replaceAll('\r', '\n').split('\n');
  for (const line of lines) frame += `data: ${line}\n`;
  return `${frame}\n`;
}
