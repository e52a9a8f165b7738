import type { ChannelState } from '@tidings/core';
import type { ReactNode } from 'react';

export interface StatusPanelProps {
  state: Pick<ChannelState<unknown>, 'status' | 'attempt' | 'cursor' | 'received' | 'error'>;
  /** A caption above the figures (whose connection this is). */
  caption?: ReactNode;
  /** Suffix of every `data-testid` (`status-bob`); none for the story's main connection. */
  suffix?: string;
}

/** The channel's state as the DOM contract names it: status, attempt, cursor, received, error. */
export function StatusPanel({ state, caption, suffix }: StatusPanelProps) {
  const id = (name: string) => (suffix ? `${name}-${suffix}` : name);
  return (
    <div className="tid-card">
      {caption && <div className="tid-muted">{caption}</div>}
      <dl className="tid-status">
        <dt>status</dt>
        <dd>
          <span className="tid-pill" data-status={state.status} data-testid={id('status')}>
            {state.status}
          </span>
        </dd>
        <dt>attempt</dt>
        <dd data-testid={id('attempt')}>{state.attempt}</dd>
        <dt>cursor</dt>
        <dd data-testid={id('cursor')}>{state.cursor ?? ''}</dd>
        <dt>received</dt>
        <dd data-testid={id('received')}>{state.received}</dd>
        <dt>error</dt>
        <dd className="tid-error" data-testid={id('error')}>
          {state.error?.message ?? ''}
        </dd>
      </dl>
    </div>
  );
}
