import type { ReactNode } from 'react';
import type { LogLine } from '../../common/describe';
import { emptyLog } from '../../common/storyTexts';

export interface MessageLogProps {
  lines: LogLine[];
  /** @default 'log' */
  testId?: string;
  /** The heading above the log, also its accessible name. @default 'Messages' */
  title?: string;
  /** Extra content per line (a severity tag). */
  decorate?: (line: LogLine) => ReactNode;
  /** What the empty log says: what to press for a first line. @default emptyLog.badge */
  empty?: string;
}

/**
 * The messages in arrival order, one `<li data-id>` each. The list scrolls, so it is focusable
 * (`tabIndex=0`) and named: a keyboard user can reach and scroll it.
 */
export function MessageLog({
  lines,
  testId = 'log',
  title = 'Messages',
  decorate,
  empty = emptyLog.badge,
}: MessageLogProps) {
  return (
    <div className="tid-card tid-grow">
      <div className="tid-muted">{title}</div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <ul className="tid-log" data-testid={testId} tabIndex={0} aria-label={title}>
        {lines.map((line) => (
          <li key={line.id} data-id={line.id}>
            <span className="tid-id">{line.id}</span>
            {decorate?.(line)}
            <span>
              {line.text} <span className="tid-meta">{line.meta}</span>
            </span>
          </li>
        ))}
      </ul>
      {lines.length === 0 && <div className="tid-empty">{empty}</div>}
    </div>
  );
}
