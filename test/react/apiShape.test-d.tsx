// Checked by `pnpm typecheck` (tsc over test/): the shape of useSSE, useSSEStream and the
// hooks' channel, which useLiveQuery takes with its message type.
import type { SSEBody, SSEChannel, SSEStreamChannel } from '@tidings/core';
import { useSSE, useSSEStream } from '@tidings/react';
import { useLiveQuery } from '@tidings/react-query';
import { expectTypeOf } from 'vitest';

interface Token {
  token: string;
}

export function Subscription() {
  const feed = useSSE<Token>('/api/sse');
  expectTypeOf(feed.channel).toEqualTypeOf<SSEChannel<Token, Token>>();
  // A subscription has no start/stop.
  // @ts-expect-error: start is only on useSSEStream
  feed.start();
  const query = useLiveQuery({
    queryKey: ['tokens'],
    queryFn: async () => 0,
    live: feed.channel,
    update: (count: number, message) => {
      expectTypeOf(message).toEqualTypeOf<Token>();
      return count + 1;
    },
  });
  return query.data;
}

export function Answer() {
  const answer = useSSEStream<Token, string>('/api/chat', {
    method: 'POST',
    reduce: (text = '', m) => text + m.token,
  });
  expectTypeOf(answer.start).parameters.toEqualTypeOf<[body?: SSEBody]>();
  expectTypeOf(answer.channel).toEqualTypeOf<SSEStreamChannel<Token, string>>();
  expectTypeOf(answer.data).toEqualTypeOf<string | undefined>();
  return answer.data;
}

export function AnswerAtAGetterUrl({ token }: { token: () => Promise<string> }) {
  // The URL may be a getter, called per request, as for useSSE.
  const answer = useSSEStream<Token, string>(async () => `/api/chat?token=${await token()}`, {
    method: 'POST',
    reduce: (text = '', m) => text + m.token,
  });
  expectTypeOf(answer.channel).toEqualTypeOf<SSEStreamChannel<Token, string>>();
  expectTypeOf(answer.start).parameters.toEqualTypeOf<[body?: SSEBody]>();
  // @ts-expect-error: a getter must give a URL
  useSSEStream(async () => 42);
  return answer.data;
}
