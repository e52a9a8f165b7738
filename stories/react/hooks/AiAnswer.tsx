import { useSSEStream } from '@tidings/react';
import { useState } from 'react';
import { endpoints } from '../../common/endpoints';
import { storyNames } from '../../common/storyNames';
import { emptyLog, storyTexts } from '../../common/storyTexts';
import { ControlPanel } from '../components/ControlPanel';
import { LiveStory } from '../components/LiveStory';
import { MessageLog } from '../components/MessageLog';
import { StatusPanel } from '../components/StatusPanel';

interface Token {
  token: string;
}

interface Answer {
  text: string;
  tokens: string[];
}

const reduce = (answer: Answer | undefined, message: Token): Answer => ({
  text: (answer?.text ?? '') + message.token,
  tokens: [...(answer?.tokens ?? []), message.token],
});

/** `POST /api/chat { prompt }` streamed token by token; Stop ends it without an error. */
export function AiAnswer() {
  const [prompt, setPrompt] = useState('Explain long polling in one paragraph');
  const result = useSSEStream<Token, Answer>(endpoints.chat, {
    method: 'POST',
    events: ['token'],
    reduce,
  });
  const streaming = result.status === 'connecting' || result.status === 'open';
  const tokens = result.data?.tokens ?? [];
  return (
    <LiveStory name={storyNames.aiStream} {...storyTexts.aiStream}>
      <form
        className="tid-card tid-row"
        onSubmit={(event) => {
          event.preventDefault();
          result.start({ prompt });
        }}
      >
        <input
          className="tid-input"
          data-testid="prompt"
          aria-label="Prompt"
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
        />
        <button type="submit" className="tid-button tid-primary" data-testid="start">
          Ask
        </button>
        <button
          type="button"
          className="tid-button"
          data-testid="stop"
          disabled={!streaming}
          onClick={result.stop}
        >
          Stop
        </button>
      </form>
      <div className="tid-card">
        <div className="tid-muted">Answer</div>
        <p className="tid-answer" data-testid="answer" aria-live="polite">
          {result.data?.text ?? ''}
        </p>
      </div>
      <div className="tid-row">
        <StatusPanel state={result} />
        <ControlPanel />
      </div>
      <MessageLog
        title="Tokens"
        empty={emptyLog.tokens}
        lines={tokens.map((token, index) => ({
          id: String(index + 1),
          text: JSON.stringify(token),
          meta: 'token',
        }))}
      />
    </LiveStory>
  );
}
