/**
 * The panels' default look, as inline styles both frameworks accept. Kept plain so the table
 * reads in the host page's own fonts and colors.
 */
export const panelStyles = {
  table: { borderCollapse: 'collapse', fontSize: '12px', width: '100%' },
  caption: { textAlign: 'left', fontWeight: 'bold', padding: '4px 0' },
  cell: {
    border: '1px solid #ccc',
    padding: '2px 6px',
    textAlign: 'left',
    verticalAlign: 'top',
    // Cells wrap between words, so the table fits a narrow column (a docs page, a sidebar)
    // instead of overflowing it.
    whiteSpace: 'normal',
  },
  // Keys are long JSON without spaces: they wrap anywhere instead of widening the page.
  long: { overflowWrap: 'anywhere', minWidth: '12em' },
} as const;
