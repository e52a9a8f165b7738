/** A broker a test file started on loopback, and must stop. */
export interface Broker {
  /** MQTT over WebSocket, the way createMqtt reaches it. */
  wsUrl: string;
  /** Port of `wsUrl`, for a TCP proxy in front of it. */
  wsPort: number;
  /** Milliseconds from spawn until the WebSocket port accepted connections. */
  startMs: number;
  /** Stops the broker and waits for it to exit; removes its temp files. Safe to call twice. */
  stop(): Promise<void>;
  /** The broker's own log so far, for failure messages. */
  log(): string;
}
