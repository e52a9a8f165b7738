import type { ServerResponse } from 'node:http';
import { integerField, knownFields } from './bodyFields';
import { badRequest } from './errors';
import { TRANSPORTS } from './stats';
import type { HostileNetwork, TransportName } from './types';

const KNOWN = new Set(['refuseUpgrades', 'bufferSse', 'cutAfter', 'latency']);
/** Same cap as the `latency` fault. */
const MAX_MS = 600_000;
/** The responses a buffering proxy holds: event streams, which it cannot tell from a download. */
const BUFFERED: ReadonlySet<TransportName> = new Set(['sse', 'chat']);

/** Validates `POST /control/network` input (and the option), naming the offending field. */
export function parseHostileNetwork(input: unknown): HostileNetwork {
  const record = knownFields(input, KNOWN, {
    notAnObject: 'network must be a JSON object',
    field: 'network',
  });
  const network: HostileNetwork = {};
  for (const flag of ['refuseUpgrades', 'bufferSse'] as const) {
    const value = record[flag];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw badRequest(`${flag} must be true or false`);
    if (value) network[flag] = true;
  }
  const cutAfter = integerField(record, 'cutAfter', 1, MAX_MS);
  if (cutAfter !== undefined) network.cutAfter = cutAfter;
  if (record.latency !== undefined) network.latency = parseLatency(record.latency);
  return network;
}

function parseLatency(input: unknown): Partial<Record<TransportName, number>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badRequest('latency must be an object of milliseconds per transport');
  }
  const latency: Partial<Record<TransportName, number>> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!TRANSPORTS.includes(name as TransportName)) {
      throw badRequest(
        `latency names an unknown transport "${name}" (known: ${TRANSPORTS.join(', ')})`,
      );
    }
    const ms = integerField({ [name]: value }, name, 0, MAX_MS);
    if (ms) latency[name as TransportName] = ms;
  }
  return latency;
}

/**
 * The network between the clients and this server, made hostile on purpose: what corporate
 * proxies and some hosts do that a transport cannot work around, only fall back from. Unlike the
 * faults (which answer errors), every setting here lets the request through in a broken shape.
 */
export class HostileNetworkSimulator {
  #settings: HostileNetwork = {};

  constructor(settings: HostileNetwork = {}) {
    this.set(settings);
  }

  get current(): HostileNetwork {
    return this.#settings;
  }

  set(settings: HostileNetwork): void {
    this.#settings = parseHostileNetwork(settings);
  }

  /** A proxy that does not pass `Upgrade: websocket` on. */
  get refusesUpgrades(): boolean {
    return this.#settings.refuseUpgrades === true;
  }

  /** How long a new connection of any transport lives before the network cuts it. */
  get cutAfter(): number | undefined {
    return this.#settings.cutAfter;
  }

  /** Waits out the latency set for `transport`. */
  async delay(transport: TransportName): Promise<void> {
    const ms = this.#settings.latency?.[transport];
    if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Shapes a response about to be written: an event stream is held back while buffering. */
  shape(transport: TransportName, res: ServerResponse): void {
    if (this.#settings.bufferSse && BUFFERED.has(transport)) holdBody(res);
  }
}

/**
 * What a buffering proxy does to a stream: the status and headers go out at once (the client sees
 * the stream open), the body only when the response ends. A stream cut before it ends delivers
 * nothing at all.
 */
function holdBody(res: ServerResponse): void {
  const held: Array<string | Uint8Array> = [];
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (chunk: string | Uint8Array) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  Object.assign(res, {
    writeHead(...args: unknown[]) {
      writeHead(...args);
      res.flushHeaders();
      return res;
    },
    write(chunk: string | Uint8Array) {
      held.push(chunk);
      return true;
    },
    end(...args: unknown[]) {
      for (const chunk of held.splice(0)) write(chunk);
      return end(...args);
    },
  });
}
