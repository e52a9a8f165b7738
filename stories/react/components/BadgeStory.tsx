import type { UseChannelReturn } from '@tidings/react';
import { useState } from 'react';
import { describeMessage } from '../../common/describe';
import type { StoryName } from '../../common/storyNames';
import { Bell } from './Bell';
import { ControlPanel } from './ControlPanel';
import type { Feed } from './feed';
import { LiveStory } from './LiveStory';
import { MessageLog } from './MessageLog';
import { StatusPanel } from './StatusPanel';

export interface BadgeStoryProps {
  name: StoryName;
  title: string;
  lead: string;
  result: UseChannelReturn<Feed | undefined>;
}

/** An unread badge fed by a push transport: every notification received since "mark read". */
export function BadgeStory({ name, title, lead, result }: BadgeStoryProps) {
  const total = result.data?.notifications ?? 0;
  const [read, setRead] = useState(0);
  const lines = (result.data?.log ?? []).map(describeMessage);
  return (
    <LiveStory name={name} title={title} lead={lead}>
      <div className="tid-row">
        <Bell count={total - read} status={result.status} onOpen={() => setRead(total)} />
        <StatusPanel state={result} />
        <ControlPanel />
      </div>
      <MessageLog lines={lines} />
    </LiveStory>
  );
}
