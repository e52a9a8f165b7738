import { getDefaultHub, type Hub } from '@tidings/core';
import { dropWire, type InspectedWire, observeHub, reconnectWire } from '@tidings/core/devtools';
import { useTidingsHub } from '@tidings/react';
import { type ReactNode, useEffect, useState } from 'react';
import { actionLabels, wireColumns } from './columns';
import { panelStyles } from './styles';

export interface TidingsDevtoolsProps {
  /** The hub to show. @default the nearest `<TidingsProvider>`'s hub, else core's default hub */
  hub?: Hub;
  /** The table's caption, its accessible name. @default "tidings wires" */
  caption?: string;
}

/**
 * A live table of a hub's wires (key, transport, status, listeners, messages, bytes, last error)
 * with a Drop and a Reconnect button per wire. Meant for development: import it only where it
 * is shown, and nothing of it reaches a build that does not.
 *
 * @example
 * <TidingsProvider hub={hub}>
 *   <App />
 *   {import.meta.env.DEV && <TidingsDevtools />}
 * </TidingsProvider>
 */
export function TidingsDevtools({
  hub,
  caption = 'tidings wires',
}: TidingsDevtoolsProps): ReactNode {
  const providedHub = useTidingsHub();
  const target = hub ?? providedHub ?? getDefaultHub();
  // Starts empty so a server render and the first client render agree; the effect fills it.
  const [wires, setWires] = useState<readonly InspectedWire[]>([]);
  useEffect(() => observeHub(target, setWires), [target]);
  return (
    <table data-tidings-devtools="" style={panelStyles.table}>
      <caption style={panelStyles.caption}>{caption}</caption>
      <thead>
        <tr>
          {wireColumns.map((column) => (
            <th key={column.header} scope="col" style={panelStyles.cell}>
              {column.header}
            </th>
          ))}
          <th scope="col" style={panelStyles.cell}>
            Actions
          </th>
        </tr>
      </thead>
      <tbody>
        {wires.length === 0 ? (
          <tr>
            <td colSpan={wireColumns.length + 1} style={panelStyles.cell}>
              No wires in this hub.
            </td>
          </tr>
        ) : (
          wires.map((wire, index) => {
            const labels = actionLabels(wire, index);
            return (
              <tr key={wire.key} data-status={wire.status}>
                {wireColumns.map((column) => (
                  <td
                    key={column.header}
                    style={
                      column.long ? { ...panelStyles.cell, ...panelStyles.long } : panelStyles.cell
                    }
                  >
                    {column.cell(wire, index)}
                  </td>
                ))}
                <td style={panelStyles.cell}>
                  <button
                    type="button"
                    aria-label={labels.drop}
                    onClick={() => dropWire(target, wire.key)}
                  >
                    Drop
                  </button>{' '}
                  <button
                    type="button"
                    aria-label={labels.reconnect}
                    onClick={() => reconnectWire(target, wire.key)}
                  >
                    Reconnect
                  </button>
                </td>
              </tr>
            );
          })
        )}
      </tbody>
    </table>
  );
}
