import { StrictMode, useEffect, useLayoutEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
// The package's entry is CommonJS whose `default` a Node-semantics bundle (this repo is
// `"type": "module"`) would read as the whole exports object; the hook's own module is the same code.
import { useWebSocket } from 'react-use-websocket/dist/lib/use-websocket';
import { commit, params, scenario, seqOf, wsUrl } from './harness';
import { registerMountCycles } from './mountCycles';
import { emptyTally } from './tally';

/** The README's pattern: an effect on `lastMessage` appends it to state. */
function Feed() {
  const { lastMessage } = useWebSocket(wsUrl);
  const [tally, setTally] = useState(emptyTally);
  useEffect(() => {
    if (lastMessage === null) return;
    const seq = seqOf(JSON.parse(lastMessage.data as string));
    setTally((previous) => ({ count: previous.count + 1, last: seq }));
  }, [lastMessage]);
  useLayoutEffect(() => commit(tally.count, tally.last));
  return (
    <p>
      Received <output id="count">{tally.count}</output>, last{' '}
      <output id="last">{tally.last}</output>
    </p>
  );
}

const root = createRoot(document.getElementById('root')!);
if (scenario === 'stream') root.render(<Feed />);
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
