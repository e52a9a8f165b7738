// @vitest-environment jsdom
// biome-ignore-all lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
import { cleanup, fireEvent, render, screen, within } from '@testing-library/vue';
import { wireColumns } from '@tidings/devtools';
import { TidingsDevtools } from '@tidings/devtools/vue';
import { tidings, useWebSocket } from '@tidings/vue';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { fastReconnect, type MockServer, mockMessageId, setup, stats, wsUrl } from './harness';

afterEach(cleanup);

/** A chat composable beside the panel, both under the plugin's hub (or the panel given `hub`). */
function chatWithPanel(server: MockServer, panelProps: Record<string, unknown> = {}) {
  return defineComponent({
    setup() {
      const { status, received } = useWebSocket(wsUrl(server, '/ws?token=s3cr3t'), {
        reconnect: fastReconnect,
        messageId: mockMessageId,
      });
      return () =>
        h('div', [
          h('p', `chat ${status.value}, ${received.value} received`),
          h(TidingsDevtools, panelProps),
        ]);
    },
  });
}

/** The panel's body cells of the one wire row, by column header. */
function wireRow(name = 'tidings wires'): Record<string, string> {
  const table = screen.getByRole('table', { name });
  const [, row] = within(table).getAllByRole('row');
  if (!row) throw new Error('no wire row');
  const cells = within(row).getAllByRole('cell');
  return Object.fromEntries(
    wireColumns.map((column, index) => [column.header, cells[index]?.textContent ?? '']),
  );
}

describe('<TidingsDevtools> (Vue)', () => {
  it('shows the plugin hub’s wires live in an accessible table, without the token', async () => {
    const { server, hub } = await setup();
    render(chatWithPanel(server), { global: { plugins: [[tidings, { hub }]] } });
    const table = screen.getByRole('table', { name: 'tidings wires' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual([...wireColumns.map((column) => column.header), 'Actions']);
    await vi.waitFor(() => expect(wireRow().Status).toBe('open'));
    expect(wireRow()).toMatchObject({ Wire: '#1', Transport: 'webSocket', Listeners: '1' });
    expect(table.textContent).not.toContain('s3cr3t');

    server.publish({ type: 'chat', data: { text: 'hi' } });
    server.publish({ type: 'chat', data: { text: 'there' } });
    await vi.waitFor(() => expect(wireRow().Messages).toBe('2'));
    // axe-core's rules over the live table (contrast needs layout, which jsdom has not).
    const audit = await axe.run(table, { rules: { 'color-contrast': { enabled: false } } });
    expect(audit.violations.map((violation) => violation.help)).toEqual([]);
    expect(wireRow().Bytes).toMatch(/^\d+ B$/);
    expect(wireRow().Bytes).not.toBe('0 B');
    await vi.waitFor(() => expect(screen.getByText(/chat open, 2 received/)).toBeTruthy());
  });

  it('Reconnect opens a new connection; Drop closes the wire and empties the table', async () => {
    const { server, hub } = await setup();
    render(chatWithPanel(server, { hub, caption: 'wires of the chat hub' }), {
      global: { plugins: [[tidings, { hub }]] },
    });
    await vi.waitFor(() => expect(wireRow('wires of the chat hub').Status).toBe('open'));

    await fireEvent.click(screen.getByRole('button', { name: 'Reconnect wire #1 (webSocket)' }));
    await vi.waitFor(() => expect(stats(server, 'ws').opened).toBe(2));
    await vi.waitFor(() => expect(screen.getByText(/chat open/)).toBeTruthy());

    await fireEvent.click(screen.getByRole('button', { name: 'Drop wire #1 (webSocket)' }));
    await vi.waitFor(() => expect(screen.getByText(/chat closed/)).toBeTruthy());
    await vi.waitFor(() =>
      expect(screen.getByRole('cell', { name: 'No wires in this hub.' })).toBeTruthy(),
    );
    await vi.waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
  });
});
