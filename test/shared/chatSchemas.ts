import * as v from 'valibot';
import { z } from 'zod';

// One chat line of the mock server (`{ id, type: 'chat', data: { user, text }, ts }`) in two
// Standard Schema libraries, for the binding suites' schema tests.

export const zodChatLine = z.object({
  id: z.string(),
  type: z.literal('chat'),
  data: z.object({ user: z.string(), text: z.string() }),
});

export const valibotChatLine = v.object({
  id: v.string(),
  type: v.literal('chat'),
  data: v.object({ user: v.string(), text: v.string() }),
});

/** Each schema with its library's name, for `describe.each`. */
export const chatLineSchemas = [
  ['zod', zodChatLine],
  ['valibot', valibotChatLine],
] as const;

/** A reduce that keeps the text of every valid line, in order. */
export function collectTexts(texts: string[] = [], line: { data: { text: string } }): string[] {
  return [...texts, line.data.text];
}
