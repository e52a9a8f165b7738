import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CHAT_URL, chatRequest } from './chatRequest';
import { action, commit, seqOf } from './harness';
import { emptyTally } from './tally';

/** The library's README pattern in React: every `token` event updates state. */
function Answer() {
  const [tally, setTally] = useState(emptyTally);
  useLayoutEffect(() => commit(tally.count, tally.last));
  action('start', () => {
    void fetchEventSource(CHAT_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(chatRequest),
      onmessage(event) {
        if (event.event !== 'token') return;
        const seq = seqOf(JSON.parse(event.data));
        setTally((previous) => ({ count: previous.count + 1, last: seq }));
      },
    });
  });
  return (
    <p>
      Tokens <output id="count">{tally.count}</output>, last <output id="last">{tally.last}</output>
    </p>
  );
}

createRoot(document.getElementById('root')!).render(<Answer />);
