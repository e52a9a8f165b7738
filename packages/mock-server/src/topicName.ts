/** MQTT 3.1.1 §1.5.3: a UTF-8 string is at most 65,535 bytes. */
const MAX_TOPIC_BYTES = 65_535;

/** C0 and C1 control characters, which MQTT says a topic SHOULD NOT hold (§1.5.3). */
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/**
 * Why `topic` cannot be a topic the broker publishes on, or undefined when it can. Follows MQTT
 * 3.1.1 §4.7 (non-empty, no wildcards `+` `#`, no NUL, well-formed UTF-8 of at most 65,535
 * bytes) and is stricter in two places a dev tool can afford: control characters and empty levels
 * (`a//b`, a leading or trailing `/`) are refused, since they are typos that `notifications/+`
 * style subscriptions would silently miss.
 */
export function topicProblem(topic: string): string | undefined {
  if (topic === '') return 'is empty';
  if (topic.includes('+') || topic.includes('#')) return 'holds a wildcard (+ or #)';
  for (const char of topic) {
    const code = char.codePointAt(0) ?? 0;
    // Iterating by code point leaves a lone surrogate on its own: it has no UTF-8 form.
    if (code >= 0xd800 && code <= 0xdfff) return 'is not well-formed Unicode';
    if (isControl(code)) return 'holds a control character (NUL, newline, …)';
  }
  if (Buffer.byteLength(topic) > MAX_TOPIC_BYTES) return `is longer than ${MAX_TOPIC_BYTES} bytes`;
  if (topic.split('/').includes('')) return 'has an empty level (a//b, or a leading or trailing /)';
  return undefined;
}
