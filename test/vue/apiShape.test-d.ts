// Checked by `pnpm typecheck` (tsc over test/): the shape of useSSE, useSSEStream and the
// composables' channel ref, which useLiveQuery takes with its message type.
import type { SSEBody, SSEChannel, SSEStreamChannel } from '@tidings/core';
import { type ReadonlyShallowRef, useSSE, useSSEStream } from '@tidings/vue';
import { useLiveQuery } from '@tidings/vue-query';
import { expectTypeOf } from 'vitest';

interface Token {
  token: string;
}

export function useSubscription() {
  const feed = useSSE<Token>('/api/sse');
  expectTypeOf(feed.channel).toEqualTypeOf<ReadonlyShallowRef<SSEChannel<Token, Token>>>();
  // @ts-expect-error: start is only on useSSEStream
  feed.start();
  return useLiveQuery({
    queryKey: ['tokens'],
    queryFn: async () => 0,
    live: feed.channel,
    update: (count, message) => {
      expectTypeOf(message).toEqualTypeOf<Token>();
      return count + 1;
    },
  });
}

export function useAnswer() {
  const stream = useSSEStream<Token, string>('/api/chat', {
    method: 'POST',
    reduce: (text = '', m) => text + m.token,
  });
  expectTypeOf(stream.start).parameters.toEqualTypeOf<[body?: SSEBody]>();
  expectTypeOf(stream.channel.value).toEqualTypeOf<SSEStreamChannel<Token, string>>();
  return stream;
}

export function useAnswerAtAGetterUrl(token: () => Promise<string>) {
  // The url getter is handed over through a getter, as for useSSE: a bare function is Vue's.
  const stream = useSSEStream<Token, string>(() => async () => `/api/chat?token=${await token()}`, {
    method: 'POST',
    reduce: (text = '', m) => text + m.token,
  });
  expectTypeOf(stream.channel.value).toEqualTypeOf<SSEStreamChannel<Token, string>>();
  expectTypeOf(stream.start).parameters.toEqualTypeOf<[body?: SSEBody]>();
  // @ts-expect-error: a getter must give a URL
  useSSEStream(() => async () => 42);
  return stream;
}
