import type { RealtimeTransport, TransportSwitch } from '@tidings/core';
import { describeSwitch, TRANSPORTS, transportLabels } from '../../common/fallback';

export interface TransportPanelProps {
  transport: RealtimeTransport | undefined;
  /** The switches seen, oldest first. */
  history: readonly TransportSwitch[];
}

/**
 * The fallback order with the transport in use marked (`data-testid=transport`, and
 * `transport-<name>` with `data-active`), and the switches so far with their reasons.
 */
export function TransportPanel({ transport, history }: TransportPanelProps) {
  return (
    <div className="tid-card">
      <div className="tid-muted">
        Transport in use: <strong data-testid="transport">{transport ?? 'none yet'}</strong>
      </div>
      <ol aria-label="Fallback order">
        {TRANSPORTS.map((name) => (
          <li key={name} data-testid={`transport-${name}`} data-active={name === transport}>
            {name === transport ? (
              <strong>{transportLabels[name]} ◀</strong>
            ) : (
              transportLabels[name]
            )}
          </li>
        ))}
      </ol>
      <div className="tid-muted">Switches</div>
      <ul data-testid="switches" aria-label="Switches">
        {history.length === 0 ? <li>none yet</li> : null}
        {history.map((change) => (
          <li key={change.at + change.to}>{describeSwitch(change)}</li>
        ))}
      </ul>
    </div>
  );
}
