import type { UseChannelReturn } from '@tidings/react';
import { useState } from 'react';
import { describeMessage } from '../../common/describe';
import { type Participant, participants, type StoryName } from '../../common/storyNames';
import { emptyLog } from '../../common/storyTexts';
import { ControlPanel } from './ControlPanel';
import type { Feed } from './feed';
import { LiveStory } from './LiveStory';
import { MessageLog } from './MessageLog';
import { StatusPanel } from './StatusPanel';

export interface ChatPerson {
  result: UseChannelReturn<Feed | undefined>;
  say(text: string): void;
}

export interface ChatStoryProps {
  name: StoryName;
  title: string;
  lead: string;
  people: Record<Participant, ChatPerson>;
}

const LINES = ['Deploying now', 'Looks good to me', 'Can someone check the SSE demo?', 'Back in 5'];

/** A chat line from a third person, so Publish shows up in both logs. */
const chatLine = () => ({
  type: 'chat',
  data: { user: 'Ada', text: LINES[Math.floor(Math.random() * LINES.length)] },
});

function Composer({ user, person }: { user: Participant; person: ChatPerson }) {
  const [text, setText] = useState('');
  return (
    <form
      className="tid-row"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') return;
        person.say(text.trim());
        setText('');
      }}
    >
      <input
        className="tid-input"
        data-testid={`input-${user}`}
        aria-label={`Message as ${user}`}
        placeholder={`Message as ${user}…`}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="tid-button tid-primary" data-testid={`send-${user}`}>
        Send
      </button>
    </form>
  );
}

/**
 * Two participants side by side, each on their own connection. The first one's state is the
 * story's main status panel (`data-testid=status`); bob's figures carry the `-bob` suffix.
 */
export function ChatStory({ name, title, lead, people }: ChatStoryProps) {
  return (
    <LiveStory name={name} title={title} lead={lead}>
      <ControlPanel message={chatLine} />
      <div className="tid-row">
        {participants.map((user, index) => {
          const person = people[user];
          return (
            <div key={user} className="tid-grow" style={{ display: 'grid', gap: 8 }}>
              <StatusPanel
                state={person.result}
                caption={<strong>{user}</strong>}
                suffix={index === 0 ? undefined : user}
              />
              <MessageLog
                title={`${user} sees`}
                testId={`log-${user}`}
                empty={emptyLog.chat}
                lines={(person.result.data?.log ?? []).map(describeMessage)}
              />
              <Composer user={user} person={person} />
            </div>
          );
        })}
      </div>
    </LiveStory>
  );
}
