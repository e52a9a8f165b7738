import type { MockServerOptions } from './types';

/** The bounds that keep a long-running server's memory flat whatever its clients send or skip. */
export interface Limits {
  /** Largest HTTP body, WebSocket frame, Socket.IO packet or MQTT publish accepted, in bytes. */
  maxMessageBytes: number;
  /** Bytes written to a client and not yet read by it before the client is cut off. */
  maxBufferedBytes: number;
  /** Persistent MQTT sessions (`clean: false`) the broker keeps; the oldest offline one goes first. */
  maxMqttSessions: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 64 * 1024,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxMqttSessions: 100,
};

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** The limits in force for `options`, refusing values that would disable a bound. */
export function resolveLimits(options: MockServerOptions): Limits {
  return {
    maxMessageBytes: positiveInteger(
      'maxMessageBytes',
      options.maxMessageBytes,
      DEFAULT_LIMITS.maxMessageBytes,
    ),
    maxBufferedBytes: positiveInteger(
      'maxBufferedBytes',
      options.maxBufferedBytes,
      DEFAULT_LIMITS.maxBufferedBytes,
    ),
    maxMqttSessions: positiveInteger(
      'maxMqttSessions',
      options.maxMqttSessions,
      DEFAULT_LIMITS.maxMqttSessions,
    ),
  };
}
