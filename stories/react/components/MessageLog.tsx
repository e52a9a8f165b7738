import type { ReactNode } from 'react';
import type { LogLine } from '../../shared/describe';

export interface MessageLogProps {
  lines: LogLine[];
  /** @default 'log' */
  testId?: string;
  title?: ReactNode;
  /** Extra content per line (a severity tag). */
  decorate?: (line: LogLine) => ReactNode;
}

/** The messages in arrival order, one `<li data-id>` each. */
export function MessageLog({
  lines,
  testId = 'log',
  title = 'Messages',
  decorate,
}: MessageLogProps) {
  return (
    <div className="tid-card tid-grow">
      <div className="tid-muted">{title}</div>
      <ul className="tid-log" data-testid={testId}>
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
      {lines.length === 0 && <div className="tid-empty">Nothing yet — press Publish.</div>}
    </div>
  );
}
