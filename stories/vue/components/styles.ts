import type { Status } from '@tidings/core';
import type { CSSProperties } from 'vue';

const STATUS_COLORS: Record<Status, string> = {
  idle: '#667085',
  connecting: '#b54708',
  open: '#067647',
  reconnecting: '#b42318',
  closed: '#475467',
};

/** Inline styles of the story components: no CSS pipeline, the same look in both Storybooks. */
export const styles = {
  story: {
    display: 'grid',
    gap: '12px',
    maxWidth: '760px',
    font: '14px/1.4 system-ui, sans-serif',
    color: '#101828',
  },
  title: { margin: 0, fontSize: '16px' },
  panels: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '12px' },
  panel: {
    margin: 0,
    padding: '8px 12px',
    border: '1px solid #d0d5dd',
    borderRadius: '8px',
    background: '#f9fafb',
  },
  row: { display: 'flex', gap: '8px' },
  label: { width: '5.5em', color: '#475467' },
  value: { margin: 0, fontFamily: 'ui-monospace, monospace', overflowWrap: 'anywhere' },
  status: (status: Status): CSSProperties => ({
    margin: 0,
    fontFamily: 'ui-monospace, monospace',
    fontWeight: 600,
    color: STATUS_COLORS[status],
  }),
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  result: {
    display: 'block',
    marginTop: '6px',
    fontFamily: 'ui-monospace, monospace',
    fontSize: '12px',
    color: '#475467',
    overflowWrap: 'anywhere',
  },
  log: {
    margin: 0,
    padding: '8px 12px 8px 2em',
    maxHeight: '220px',
    overflowY: 'auto',
    border: '1px solid #d0d5dd',
    borderRadius: '8px',
  },
  logItem: { padding: '2px 0' },
  id: { color: '#667085' },
  columns: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '12px' },
  row2: { display: 'flex', gap: '6px', alignItems: 'center' },
  answer: {
    minHeight: '4em',
    padding: '8px 12px',
    border: '1px solid #d0d5dd',
    borderRadius: '8px',
    whiteSpace: 'pre-wrap',
  },
} satisfies Record<string, CSSProperties | ((status: Status) => CSSProperties)>;
