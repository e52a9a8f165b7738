/**
 * The AI answer both SSE competitors ask for: `POST /api/chat` with the same JSON body, so the
 * mock server streams the same tokens at the same pace to each of them.
 */

/** Tokens in the answer. */
export const SSE_TOKENS = 2_000;

/** Server-side pace, 1 ms a token: 1,000 tokens/s, a fast model. */
export const SSE_TOKEN_DELAY_MS = 1;

export const SSE_TOKENS_PER_SECOND = 1000 / SSE_TOKEN_DELAY_MS;

export const CHAT_URL = '/api/chat';

/** The JSON body of the request. */
export const chatRequest = {
  prompt: 'Explain server-sent events',
  tokens: SSE_TOKENS,
  tokenDelayMs: SSE_TOKEN_DELAY_MS,
};
