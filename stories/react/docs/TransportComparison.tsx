import type { Status } from '@tidings/core';
import type { MqttMessage } from '@tidings/core/mqtt';
import type { SocketIOMessage } from '@tidings/core/socket-io';
import { useIframeStream, useLongPoll, usePolling, useSSE, useWebSocket } from '@tidings/react';
import { useMqtt } from '@tidings/react/mqtt';
import { useSocketIO } from '@tidings/react/socket-io';
import { useEffect, useRef, useState } from 'react';
import {
  drop,
  type MockMessage,
  type MockStats,
  publish,
  type StatsTransport,
  stats,
  type TransportStats,
} from '../../common/control';
import { endpoints, FAST_RECONNECT, mqttUrl, socketIOUrl } from '../../common/endpoints';
import { mockMessageId } from '../../common/messageId';
import { type TransportKey, tradeOffs } from './tradeOffs';
import { type DropClock, type Probe, useProbe } from './useProbe';

interface Row {
  key: TransportKey;
  status: Status;
  probe: Probe;
}

const common = { reconnect: FAST_RECONNECT, share: false } as const;

/**
 * A cut iframe response fires no event a page can see, so the stream learns of it from silence.
 * The mock server posts a heartbeat every 5 s: one and a half of them (rather than the 45 s
 * default) notices a drop quickly without mistaking a late heartbeat for one.
 */
const IFRAME_SILENCE_MS = 7_500;

/** Every transport subscribed to the same stream at once, each measured by its own probe. */
function useAllTransports(since: number, clock: DropClock, pollInterval: number): Row[] {
  const poll = useProbe(since, clock);
  const longPoll = useProbe(since, clock);
  const sse = useProbe(since, clock);
  const ws = useProbe(since, clock);
  const mqtt = useProbe(since, clock);
  const socketio = useProbe(since, clock);
  const iframe = useProbe(since, clock);

  const polled = usePolling<{ items: MockMessage[] }>(endpoints.notifications, {
    ...common,
    interval: pollInterval,
    ...poll.callbacks,
    onMessage: (inbox) => {
      for (const item of inbox.items) poll.record(item);
    },
  });
  const longPolled = useLongPoll<MockMessage>(endpoints.longPoll, {
    messageId: mockMessageId,
    ...common,
    ...longPoll.callbacks,
    onMessage: longPoll.record,
  });
  const streamed = useSSE<MockMessage>(endpoints.sse, {
    ...common,
    events: ['notification', 'moderation', 'chat'],
    ...sse.callbacks,
    onMessage: sse.record,
  });
  const socket = useWebSocket<MockMessage>(endpoints.ws, {
    messageId: mockMessageId,
    ...common,
    ...ws.callbacks,
    onMessage: ws.record,
  });
  const brokered = useMqtt<MockMessage>(mqttUrl(), {
    messageId: mockMessageId,
    ...common,
    topics: ['notifications/#', 'moderation/#'],
    qos: 1,
    ...mqtt.callbacks,
    onMessage: (message: MqttMessage<MockMessage>) => mqtt.record(message.payload),
  });
  const io = useSocketIO<MockMessage>(socketIOUrl(), {
    messageId: mockMessageId,
    ...common,
    ...socketio.callbacks,
    onMessage: (message: SocketIOMessage<MockMessage>) => {
      if (message.args[0]) socketio.record(message.args[0]);
    },
  });
  const framed = useIframeStream<MockMessage>(endpoints.iframe, {
    messageId: mockMessageId,
    ...common,
    heartbeatTimeout: IFRAME_SILENCE_MS,
    ...iframe.callbacks,
    onMessage: iframe.record,
  });

  return [
    { key: 'poll', status: polled.status, probe: poll.probe },
    { key: 'longPoll', status: longPolled.status, probe: longPoll.probe },
    { key: 'iframe', status: framed.status, probe: iframe.probe },
    { key: 'ws', status: socket.status, probe: ws.probe },
    { key: 'sse', status: streamed.status, probe: sse.probe },
    { key: 'mqtt', status: brokered.status, probe: mqtt.probe },
    { key: 'socketio', status: io.status, probe: socketio.probe },
  ];
}

const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const per = (value: number | undefined, messages: number, unit = '') =>
  value === undefined || messages === 0 ? '—' : `${(value / messages).toFixed(1)}${unit}`;

/** What the last drop did to a transport, as far as its status events tell. */
function recoveryText(key: TransportKey, probe: Probe, clock: DropClock): string {
  if (clock.at === undefined) return 'press Drop';
  const recovery = probe.recovery?.dropId === clock.id ? probe.recovery.value : undefined;
  if (recovery === 'down') return 'recovering…';
  if (recovery !== undefined) return `reopened in ${ms(recovery)}`;
  if (key === 'poll') return 'nothing held open: the next poll goes out as usual';
  if (key === 'iframe') return `not noticed yet (after ${IFRAME_SILENCE_MS / 1000} s of silence)`;
  return 'not noticed yet';
}

/** `now - since` per transport: the traffic since this page started measuring. */
function trafficSince(
  since: MockStats | undefined,
  now: MockStats | undefined,
  key: TransportKey,
): TransportStats | undefined {
  const before = since?.transports[key];
  const after = now?.transports[key];
  if (!before || !after) return undefined;
  return {
    requests: after.requests - before.requests,
    bytes: after.bytes - before.bytes,
    opened: after.opened - before.opened,
    connections: after.connections,
  };
}

function Measurements({ since, pollInterval }: { since: number; pollInterval: number }) {
  const clock = useRef<DropClock>({ at: undefined, id: 0 }).current;
  const [, setDrops] = useState(0);
  const rows = useAllTransports(since, clock, pollInterval);
  // The server's counters when measuring started: the table shows what this page caused since.
  // Counters that went down mean someone reset the server: start from its new zero.
  const [baseline, setBaseline] = useState<MockStats | undefined>();
  const [server, setServer] = useState<MockStats | undefined>();
  const [auto, setAuto] = useState(true);

  useEffect(() => {
    let live = true;
    const read = () =>
      stats().then(
        (next) => {
          if (!live) return;
          setBaseline((first) => (first && !wasReset(first, next) ? first : next));
          setServer(next);
        },
        () => undefined,
      );
    read();
    const timer = setInterval(read, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (!auto) return;
    const timer = setInterval(() => void publish(), 2000);
    return () => clearInterval(timer);
  }, [auto]);

  const onDrop = () => {
    clock.at = Date.now();
    clock.id += 1;
    setDrops(clock.id);
    void drop();
  };

  return (
    <div className="tid-story" data-story="transport-comparison">
      <div className="tid-controls">
        <button type="button" className="tid-button tid-primary" onClick={() => void publish()}>
          Publish one
        </button>
        <button type="button" className="tid-button" onClick={() => setAuto((on) => !on)}>
          {auto ? 'Stop auto-publish (every 2 s)' : 'Auto-publish every 2 s'}
        </button>
        <button type="button" className="tid-button tid-danger" onClick={onDrop}>
          Drop every connection
        </button>
      </div>
      <table className="tid-table">
        <thead>
          <tr>
            <th>transport</th>
            <th>status</th>
            <th>messages</th>
            <th>latency (mean / last)</th>
            <th>requests / msg</th>
            <th>bytes / msg</th>
            <th>after a drop</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, status, probe }) => {
            const wire = trafficSince(baseline, server, key);
            return (
              <tr key={key} data-transport={key}>
                <td>{tradeOffs[key].name}</td>
                <td>
                  <span className="tid-pill" data-status={status}>
                    {status}
                  </span>
                </td>
                <td>{probe.messages}</td>
                <td>
                  {ms(probe.meanLatency)} / {ms(probe.lastLatency)}
                </td>
                <td>{per(wire?.requests, probe.messages)}</td>
                <td>{per(wire?.bytes, probe.messages, ' B')}</td>
                <td>{recoveryText(key, probe, clock)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="tid-muted">
        Latency is arrival time minus the message's server timestamp (same machine). Requests and
        bytes are what <code>/control/stats</code> counted since this page started measuring,
        divided by the messages this transport received here; other open tabs add to them. Short
        polling asks every {pollInterval} ms. A cut iframe stream is only noticed after{' '}
        {IFRAME_SILENCE_MS / 1000} s without a heartbeat.
      </p>
      <table className="tid-table">
        <thead>
          <tr>
            <th>transport</th>
            <th>strengths</th>
            <th>weaknesses</th>
            <th>measured here</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, probe }) => {
            const wire = trafficSince(baseline, server, key);
            return (
              <tr key={key}>
                <td>{tradeOffs[key].name}</td>
                <td>{tradeOffs[key].strengths}</td>
                <td>{tradeOffs[key].weaknesses}</td>
                <td>
                  {ms(probe.meanLatency)} latency, {per(wire?.bytes, probe.messages, ' B')}/msg
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Whether the server's counters went down between two reads (`/control/reset` from anywhere). */
function wasReset(before: MockStats, after: MockStats): boolean {
  return Object.entries(after.transports).some(
    ([key, now]) => now.requests < (before.transports[key as StatsTransport]?.requests ?? 0),
  );
}

/**
 * The live comparison of the "Choosing a transport" page. It counts only what happened since it
 * opened (or since "Measure again"), without resetting the server: a reset would wipe the log
 * and stats of every other open tab too.
 */
export function TransportComparison({ pollInterval = 2000 }: { pollInterval?: number }) {
  const [since, setSince] = useState(() => Date.now());
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      <div>
        <button type="button" className="tid-button" onClick={() => setSince(Date.now())}>
          Measure again from now
        </button>
      </div>
      <Measurements key={since} since={since} pollInterval={pollInterval} />
    </div>
  );
}
