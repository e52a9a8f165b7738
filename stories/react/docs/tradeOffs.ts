/** The transports the comparison measures, by their `/control/stats` key. */
export type TransportKey = 'poll' | 'longPoll' | 'iframe' | 'ws' | 'sse' | 'mqtt' | 'socketio';

export interface TradeOff {
  name: string;
  strengths: string;
  weaknesses: string;
}

/** The trade-offs table of "Choosing a transport"; the figures beside it are measured live. */
export const tradeOffs: Record<TransportKey, TradeOff> = {
  poll: {
    name: 'Short polling',
    strengths:
      'Plain GET, cacheable, works through every proxy; nothing held open; trivial server.',
    weaknesses:
      'Latency up to the interval; a request (and full answer) per interval even when nothing changed.',
  },
  longPoll: {
    name: 'Long polling',
    strengths: 'Near push latency over plain HTTP; resumes from a cursor; passes strict proxies.',
    weaknesses: 'A request and headers per answer; a held request per client; timeouts to tune.',
  },
  iframe: {
    name: 'Iframe stream',
    strengths: 'Streams to very old browsers without EventSource; one long response.',
    weaknesses:
      'Legacy: HTML padding and script tags per message, a hidden document, buffering proxies.',
  },
  ws: {
    name: 'WebSocket',
    strengths: 'Full duplex, smallest frames, lowest latency; chat and collaboration.',
    weaknesses:
      'No built-in resume, heartbeat or reconnect (tidings adds them); some proxies block upgrades.',
  },
  sse: {
    name: 'SSE',
    strengths:
      'One GET, text frames, built-in Last-Event-ID resume and retry; HTTP/2 friendly; AI streaming over POST.',
    weaknesses: 'Server to client only; 6 connections per origin on HTTP/1.1; no binary.',
  },
  mqtt: {
    name: 'MQTT',
    strengths:
      'Topics with + and # wildcards, QoS 1 and persistent sessions; one broker for IoT and web.',
    weaknesses: 'Needs a broker and the mqtt.js bundle; a protocol on top of WebSocket.',
  },
  socketio: {
    name: 'Socket.IO',
    strengths: 'Acks, rooms, HTTP fallback and connection state recovery out of the box.',
    weaknesses: 'Its own protocol on both sides (not plain WS); extra handshake and bundle.',
  },
};
