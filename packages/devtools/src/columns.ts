import type { InspectedWire } from '@tidings/core/devtools';

/** One column of the devtools table: its header and the text of its cell. */
export interface WireColumn {
  header: string;
  /** Long text that may wrap anywhere (keys are JSON without spaces); other cells do not wrap. */
  long?: boolean;
  /** `index`: the row's place in the table, from 0. */
  cell(wire: InspectedWire, index: number): string;
}

/**
 * The columns both panels show, in order, so the React and Vue tables cannot drift apart. Cells
 * are plain text: the panels render them as text nodes, never as HTML.
 */
export const wireColumns: readonly WireColumn[] = [
  { header: 'Wire', cell: (_wire, index) => wireName(index) },
  { header: 'Key', long: true, cell: (wire) => wire.key },
  { header: 'Transport', cell: (wire) => wire.transport },
  {
    header: 'Status',
    cell: (wire) => (wire.attempt > 0 ? `${wire.status} (attempt ${wire.attempt})` : wire.status),
  },
  { header: 'Tabs', cell: (wire) => describeTabs(wire) },
  { header: 'Listeners', cell: (wire) => String(wire.listeners) },
  { header: 'Messages', cell: (wire) => String(wire.messages) },
  { header: 'Bytes', cell: (wire) => formatBytes(wire.bytes) },
  { header: 'Last error', long: true, cell: (wire) => describeError(wire) },
];

/** `812 B`, `3.4 kB`, `1.2 MB`: decimal units, as network tools show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Who holds the connection of a cross-tab wire; a dash for one this tab keeps to itself. */
function describeTabs(wire: InspectedWire): string {
  const role = wire.crossTab;
  if (!role) return '—';
  if (role.leading) return `this tab leads (${role.tab})`;
  return role.leader ? `relayed from ${role.leader}` : 'waiting for a leading tab';
}

function describeError(wire: InspectedWire): string {
  const error = wire.lastError ?? wire.error;
  return error ? `${error.kind}: ${error.message}` : '';
}

/** The row's name (`#1`), which the row's buttons use in their labels. */
export function wireName(index: number): string {
  return `#${index + 1}`;
}

/** Accessible names of a row's buttons: unique in the table, and saying which wire they act on. */
export function actionLabels(
  wire: InspectedWire,
  index: number,
): { drop: string; reconnect: string } {
  const name = `wire ${wireName(index)} (${wire.transport})`;
  return { drop: `Drop ${name}`, reconnect: `Reconnect ${name}` };
}
