// @vitest-environment jsdom

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createHub } from '@tidings/core';
import { wireColumns } from '@tidings/devtools';
import { TidingsDevtools } from '@tidings/devtools/react';
import { TidingsProvider, useWebSocket } from '@tidings/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import {
  fastReconnect,
  type MockServer,
  mockMessageId,
  mockServer,
  stats,
  withHub,
  wsUrl,
} from './helpers';

function Chat({ server }: { server: MockServer }) {
  const { status, received } = useWebSocket(wsUrl(server, '/ws?token=s3cr3t'), {
    reconnect: fastReconnect,
    messageId: mockMessageId,
  });
  return (
    <p>
      chat {status}, {received} received
    </p>
  );
}

/** The panel's body cells of the one wire row, by column header. */
function wireRow(): Record<string, string> {
  const table = screen.getByRole('table', { name: 'tidings wires' });
  const [, row] = within(table).getAllByRole('row');
  if (!row) throw new Error('no wire row');
  const cells = within(row).getAllByRole('cell');
  return Object.fromEntries(
    wireColumns.map((column, index) => [column.header, cells[index]?.textContent ?? '']),
  );
}

describe('<TidingsDevtools> (React)', () => {
  it('shows the provider hub’s wires live in an accessible table, without the token', async () => {
    const server = await mockServer();
    const { wrapper } = withHub();
    render(
      <>
        <Chat server={server} />
        <TidingsDevtools />
      </>,
      { wrapper },
    );
    const table = screen.getByRole('table', { name: 'tidings wires' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers).toEqual([
      'Wire',
      'Key',
      'Transport',
      'Status',
      'Tabs',
      'Listeners',
      'Messages',
      'Bytes',
      'Last error',
      'Actions',
    ]);
    await waitFor(() => expect(wireRow().Status).toBe('open'));
    expect(wireRow()).toMatchObject({ Wire: '#1', Transport: 'webSocket', Listeners: '1' });
    expect(table.textContent).not.toContain('s3cr3t');

    server.publish({ type: 'chat', data: { text: 'hi' } });
    server.publish({ type: 'chat', data: { text: 'there' } });
    await waitFor(() => expect(wireRow().Messages).toBe('2'));
    // axe-core's rules over the live table (contrast needs layout, which jsdom has not).
    const audit = await axe.run(table, { rules: { 'color-contrast': { enabled: false } } });
    expect(audit.violations.map((violation) => violation.help)).toEqual([]);
    expect(wireRow().Bytes).toMatch(/^\d+ B$/);
    expect(wireRow().Bytes).not.toBe('0 B');
    // The chat renders its own state on its own (frame-batched) schedule, not with the panel's.
    await waitFor(() => expect(screen.getByText(/chat open, 2 received/)).toBeTruthy());
  });

  it('Reconnect opens a new connection; Drop closes the wire and empties the table', async () => {
    const server = await mockServer();
    const hub = createHub();
    // The panel outside the provider, given the hub explicitly.
    const panel = <TidingsDevtools hub={hub} caption="wires of the chat hub" />;
    const { rerender } = render(panel);
    expect(screen.getByRole('cell', { name: 'No wires in this hub.' })).toBeTruthy();
    rerender(
      <>
        {panel}
        <TidingsProvider hub={hub}>
          <Chat server={server} />
        </TidingsProvider>
      </>,
    );
    const table = screen.getByRole('table', { name: 'wires of the chat hub' });
    await waitFor(() => expect(within(table).getAllByRole('row')[1]?.dataset.status).toBe('open'));

    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Reconnect wire #1 (webSocket)' }));
    });
    await waitFor(() => expect(stats(server, 'ws').opened).toBe(2));
    await waitFor(() => expect(screen.getByText(/chat open/)).toBeTruthy());

    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Drop wire #1 (webSocket)' }));
    });
    await waitFor(() => expect(screen.getByText(/chat closed/)).toBeTruthy());
    await waitFor(() =>
      expect(screen.getByRole('cell', { name: 'No wires in this hub.' })).toBeTruthy(),
    );
    await waitFor(() => expect(stats(server, 'ws').connections).toBe(0));
  });
});
