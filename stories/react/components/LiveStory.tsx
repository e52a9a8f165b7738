import type { ReactNode } from 'react';
import type { StoryName } from '../../common/storyNames';

export interface LiveStoryProps {
  name: StoryName;
  title: ReactNode;
  lead?: ReactNode;
  children: ReactNode;
}

/** The root of a live story: `<section data-story>` with a heading and a one-line explanation. */
export function LiveStory({ name, title, lead, children }: LiveStoryProps) {
  return (
    <section className="tid-story" data-story={name}>
      <h2>{title}</h2>
      {lead && <p className="tid-lead">{lead}</p>}
      {children}
    </section>
  );
}
