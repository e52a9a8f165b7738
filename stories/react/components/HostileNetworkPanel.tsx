import { useCallback, useEffect, useState } from 'react';
import { buttonClass } from '../../common/control';
import {
  describeNetwork,
  getNetwork,
  type HostileNetwork,
  type NetworkAction,
  networkButtons,
  pressNetworkButton,
} from '../../common/hostileNetwork';

/**
 * Buttons that make the mock server's network hostile, one transport at a time
 * (`data-testid=network-<action>`), and the settings in force (`data-testid=network`): they are
 * server-wide, so the panel reads them when it opens and after every button.
 */
export function HostileNetworkPanel() {
  const [settings, setSettings] = useState<HostileNetwork | undefined>();
  const [problem, setProblem] = useState('');
  const read = useCallback(() => {
    getNetwork().then(setSettings, () => setSettings(undefined));
  }, []);
  useEffect(() => {
    read();
    window.addEventListener('focus', read);
    return () => window.removeEventListener('focus', read);
  }, [read]);
  const press = (action: NetworkAction) => {
    pressNetworkButton(action).then(
      (next) => {
        setSettings(next);
        setProblem('');
      },
      (error: Error) => setProblem(error.message),
    );
  };
  return (
    <div className="tid-card">
      <div className="tid-controls">
        {(Object.keys(networkButtons) as NetworkAction[]).map((action) => (
          <button
            key={action}
            type="button"
            className={buttonClass(action === 'friendly' ? undefined : 'danger')}
            data-testid={`network-${action}`}
            title={networkButtons[action].title}
            onClick={() => press(action)}
          >
            {networkButtons[action].label}
          </button>
        ))}
      </div>
      <div className="tid-faults" data-testid="network">
        Network: {settings ? describeNetwork(settings) : 'unknown'}
      </div>
      <div className="tid-muted" aria-live="polite" style={{ minHeight: '1.2em' }}>
        {problem}
      </div>
    </div>
  );
}
