import { type ReactNode, useState } from 'react';
import { type ControlAction, controls, type PublishInput, publish } from '../../shared/control';

export interface ControlPanelProps {
  /** What the Publish button sends. @default a realistic notification */
  message?: () => PublishInput;
  /** Extra controls of the story, after the standard ones. */
  children?: ReactNode;
}

const LABELS: Record<ControlAction, string> = {
  publish: 'Publish',
  drop: 'Drop connections',
  latency: 'Latency 1.5 s',
  fail: 'Fail 50% (503)',
  reset: 'Reset faults',
};

/** The mock server's chaos controls, the same buttons in every story (`data-testid=control-*`). */
export function ControlPanel({ message, children }: ControlPanelProps) {
  const [outcome, setOutcome] = useState('');
  const run = (action: ControlAction) => {
    const call = action === 'publish' && message ? () => publish(message()) : controls[action];
    call().then(
      (result) => {
        const id = action === 'publish' ? ` #${(result as { id: string }).id}` : '';
        setOutcome(`${LABELS[action]}${id} ✓`);
      },
      (error: Error) => setOutcome(error.message),
    );
  };
  return (
    <div className="tid-card">
      <div className="tid-controls">
        {(Object.keys(LABELS) as ControlAction[]).map((action) => (
          <button
            key={action}
            type="button"
            className={`tid-button${action === 'publish' ? ' tid-primary' : ''}${action === 'drop' || action === 'fail' ? ' tid-danger' : ''}`}
            data-testid={`control-${action}`}
            onClick={() => run(action)}
          >
            {LABELS[action]}
          </button>
        ))}
        {children}
      </div>
      <div className="tid-muted" aria-live="polite" style={{ marginTop: 6, minHeight: '1.2em' }}>
        {outcome}
      </div>
    </div>
  );
}
