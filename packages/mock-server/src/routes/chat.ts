import { integerField, numberField } from '../bodyFields';
import { type Route, trackResponse } from '../context';
import { badRequest } from '../errors';
import { objectBody, readJson, writer } from '../http';
import { sseFrame } from '../sseFrame';

/** Keeps the echoed prompt to a readable length. */
const ECHO_LIMIT = 80;

/** A canned but plausible assistant answer that mentions the prompt. */
export function cannedAnswer(prompt: string): string {
  const topic = prompt.length > ECHO_LIMIT ? `${prompt.slice(0, ECHO_LIMIT)}…` : prompt;
  return [
    `Good question about "${topic}".`,
    'Here is a short answer streamed token by token, the way a language model would send it.',
    'Each token arrives as its own server-sent event, so the interface can render the reply as it is written.',
    'When the last token is out, a done event tells the client how many tokens it should have seen.',
  ].join(' ');
}

/** Splits into words that keep their trailing space, so joining the tokens gives the text back. */
export function tokens(text: string): string[] {
  const words = text.split(' ');
  return words.map((word, index) => (index < words.length - 1 ? `${word} ` : word));
}

/** Most tokens one answer may ask for: a long answer, still far from a memory hazard. */
export const MAX_TOKENS = 10_000;
/** Slowest pace one answer may ask for, in ms between tokens. */
export const MAX_TOKEN_DELAY_MS = 1000;

/**
 * `count` tokens of the canned answer, its words repeated as often as needed (`undefined`: the
 * answer once). Every token but the last keeps a trailing space, so the joined text still reads.
 */
export function answerTokens(prompt: string, count?: number): string[] {
  const words = tokens(cannedAnswer(prompt));
  if (count === undefined) return words;
  return Array.from({ length: count }, (_, index) => {
    const word = (words[index % words.length] ?? '').trimEnd();
    return index < count - 1 ? `${word} ` : word;
  });
}

/**
 * `POST /api/chat { prompt, tokens?, tokenDelayMs? }`: an SSE stream of `token` events, then
 * `done`. `tokens` (1 to 10,000) and `tokenDelayMs` (0 to 1,000) size and pace a longer answer,
 * as a benchmark or a long-answer demo needs; without them the canned answer at the server's pace.
 */
export const chat: Route = async (req, res, _url, ctx) => {
  const body = objectBody(await readJson(req, ctx.limits.maxMessageBytes), 'chat body');
  const { prompt } = body;
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    throw badRequest('prompt must be a non-empty string');
  }
  const count = integerField(body, 'tokens', 1, MAX_TOKENS);
  const delayMs = numberField(body, 'tokenDelayMs', 0, MAX_TOKEN_DELAY_MS) ?? ctx.tokenDelayMs;
  trackResponse(ctx, 'chat', res);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const write = writer(ctx, 'chat', res);
  const queue = answerTokens(prompt, count);
  const startedAt = performance.now();
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  // Token i is due (i + 1) * delayMs after the start. A timer that fires late (a busy event loop)
  // writes every token due by then, each its own write, so the pace holds under load.
  const next = () => {
    const elapsed = performance.now() - startedAt;
    const due = delayMs === 0 ? queue.length : Math.floor(elapsed / delayMs);
    while (sent < Math.min(due, queue.length) && !res.destroyed) {
      write(sseFrame({ event: 'token', data: JSON.stringify({ token: queue[sent] }) }));
      sent++;
    }
    if (res.destroyed) return;
    if (sent === queue.length) {
      write(sseFrame({ event: 'done', data: JSON.stringify({ tokens: sent }) }));
      res.end();
      return;
    }
    timer = setTimeout(next, (sent + 1) * delayMs - elapsed);
  };
  // The client aborted: stop generating for nobody.
  res.once('close', () => clearTimeout(timer));
  timer = setTimeout(next, delayMs);
};
