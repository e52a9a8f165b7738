import { integerField, knownFields, numberField } from './bodyFields';
import { badRequest } from './errors';
import type { Faults } from './types';

/** What a faulted request gets instead of its real answer. */
export interface Failure {
  status: number;
  retryAfter?: number;
}

const KNOWN = new Set(['status', 'errorRate', 'latency', 'retryAfter', 'closeCode']);

/** The codes `ws` lets a server send (RFC 6455 §7.4); others would throw inside `close()`. */
function sendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || code >= 3000;
}

/** Validates `POST /control/faults` input, naming the offending field. */
export function parseFaults(input: unknown): Faults {
  const record = knownFields(input, KNOWN, {
    notAnObject: 'faults must be a JSON object',
    field: 'fault',
  });
  const faults: Faults = {};
  const status = integerField(record, 'status', 400, 599);
  const errorRate = numberField(record, 'errorRate', 0, 1);
  const latency = numberField(record, 'latency', 0, 600_000);
  const retryAfter = integerField(record, 'retryAfter', 0, 86_400);
  const closeCode = integerField(record, 'closeCode', 1000, 4999);
  if (closeCode !== undefined && !sendableCloseCode(closeCode)) {
    throw badRequest(
      'closeCode must be a code a server may send: 1000-1003, 1007-1014 or 3000-4999',
    );
  }
  if (status !== undefined) faults.status = status;
  if (errorRate !== undefined) faults.errorRate = errorRate;
  if (latency !== undefined) faults.latency = latency;
  if (retryAfter !== undefined) faults.retryAfter = retryAfter;
  if (closeCode !== undefined) faults.closeCode = closeCode;
  return faults;
}

/** Holds the current faults and decides, request by request, whether one fails. */
export class FaultInjector {
  #faults: Faults = {};

  get current(): Faults {
    return this.#faults;
  }

  set(faults: Faults): void {
    this.#faults = parseFaults(faults);
  }

  /** Waits out the latency, then returns the failure to answer with, if this request fails. */
  async gate(): Promise<Failure | undefined> {
    const { latency, status, errorRate, retryAfter } = this.#faults;
    if (latency) await new Promise((resolve) => setTimeout(resolve, latency));
    // An error rate alone still needs a status to fail with; 503 is what a flaky upstream says.
    if (status === undefined && errorRate === undefined) return undefined;
    if (Math.random() >= (errorRate ?? 1)) return undefined;
    const failure: Failure = { status: status ?? 503 };
    if (retryAfter !== undefined) failure.retryAfter = retryAfter;
    return failure;
  }
}
