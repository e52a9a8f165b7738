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

/** `POST /api/chat {prompt}`: an SSE stream of `token` events, then `done`. */
export const chat: Route = async (req, res, _url, ctx) => {
  const { prompt } = objectBody(await readJson(req, ctx.limits.maxMessageBytes), 'chat body');
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    throw badRequest('prompt must be a non-empty string');
  }
  trackResponse(ctx, 'chat', res);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const write = writer(ctx, 'chat', res);
  const queue = tokens(cannedAnswer(prompt));
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    const token = queue[sent];
    if (token === undefined) {
      write(sseFrame({ event: 'done', data: JSON.stringify({ tokens: sent }) }));
      res.end();
      return;
    }
    sent++;
    write(sseFrame({ event: 'token', data: JSON.stringify({ token }) }));
    timer = setTimeout(next, ctx.tokenDelayMs);
  };
  // The client aborted: stop generating for nobody.
  res.once('close', () => clearTimeout(timer));
  timer = setTimeout(next, ctx.tokenDelayMs);
};
