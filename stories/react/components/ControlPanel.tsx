import { type ReactNode, useCallback, useEffect, useState } from 'react';
import {
  buttonClass,
  type ControlAction,
  controlButtons,
  controls,
  describeFaults,
  type Faults,
  getFaults,
  type PublishInput,
  publish,
} from '../../common/control';

export interface ControlPanelProps {
  /** What the Publish button sends. @default a realistic notification */
  message?: () => PublishInput;
  /** Extra controls of the story, after the standard ones. */
  children?: ReactNode;
}

/**
 * The mock server's chaos controls, the same buttons in every story (`data-testid=control-*`), and
 * the faults in force (`data-testid=faults`): they are server-wide and outlive the story that set
 * them, so every panel reads them when it opens and after every button.
 */
export function ControlPanel({ message, children }: ControlPanelProps) {
  const [outcome, setOutcome] = useState('');
  const [faults, setFaults] = useState<Faults | undefined>();
  const readFaults = useCallback(() => {
    getFaults().then(setFaults, () => setFaults(undefined));
  }, []);
  useEffect(() => {
    readFaults();
    window.addEventListener('focus', readFaults);
    return () => window.removeEventListener('focus', readFaults);
  }, [readFaults]);

  const run = (action: ControlAction) => {
    const call = action === 'publish' && message ? () => publish(message()) : controls[action];
    call().then(
      (result) => {
        const id = action === 'publish' ? ` #${(result as { id: string }).id}` : '';
        setOutcome(`${controlButtons[action].label}${id} ✓`);
        readFaults();
      },
      (error: Error) => setOutcome(error.message),
    );
  };
  const active = faults ? describeFaults(faults) : '';
  return (
    <div className="tid-card">
      <div className="tid-controls">
        {(Object.keys(controlButtons) as ControlAction[]).map((action) => (
          <button
            key={action}
            type="button"
            className={buttonClass(controlButtons[action].tone)}
            data-testid={`control-${action}`}
            title={controlButtons[action].title}
            onClick={() => run(action)}
          >
            {controlButtons[action].label}
          </button>
        ))}
        {children}
      </div>
      <div className="tid-faults" data-testid="faults" data-active={active !== ''}>
        Faults in force: {active || 'none'}
      </div>
      <div className="tid-muted" aria-live="polite" style={{ marginTop: 6, minHeight: '1.2em' }}>
        {outcome}
      </div>
    </div>
  );
}
