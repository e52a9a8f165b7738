import { useSSEStream, useWebSocket } from '@tidings/react';
import { StrictMode, useLayoutEffect } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { CHAT_URL, chatRequest } from './chatRequest';
import { action, commit, params, scenario, wsUrl } from './harness';
import { registerMountCycles } from './mountCycles';
import { addMessage, emptyTally, type Tally } from './tally';

/** A view as a user writes it: the hook reduces every message, React renders once per frame. */
function Feed() {
  const { data = emptyTally } = useWebSocket<unknown, Tally>(wsUrl, { reduce: addMessage });
  useLayoutEffect(() => commit(data.count, data.last));
  return (
    <p>
      Received <output id="count">{data.count}</output>, last <output id="last">{data.last}</output>
    </p>
  );
}

/** An AI answer streamed token by token over `POST /api/chat`, started on demand. */
function Answer() {
  const { data = emptyTally, start } = useSSEStream<unknown, Tally>(CHAT_URL, {
    method: 'POST',
    events: ['token'],
    reduce: addMessage,
  });
  useLayoutEffect(() => commit(data.count, data.last));
  action('start', () => start(chatRequest));
  return (
    <p>
      Tokens <output id="count">{data.count}</output>, last <output id="last">{data.last}</output>
    </p>
  );
}

const root = createRoot(document.getElementById('root')!);
if (scenario === 'stream') root.render(<Feed />);
if (scenario === 'sse') root.render(<Answer />);
if (scenario === 'fanout') {
  const count = Number(params.get('n') ?? 50);
  // Stable names for the keys: the components never reorder.
  const names = Array.from({ length: count }, (_, i) => `feed-${i}`);
  root.render(names.map((name) => <Feed key={name} />));
}
if (scenario === 'strict') {
  registerMountCycles((container) => {
    const cycleRoot = createRoot(container);
    flushSync(() =>
      cycleRoot.render(
        <StrictMode>
          <Feed />
        </StrictMode>,
      ),
    );
    return () => cycleRoot.unmount();
  });
}
