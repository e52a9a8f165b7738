import { messageOf, TidingsError } from '../errors';
import {
  type PendingReceipt,
  pendingReceipt,
  refusedReceipt,
  type SendReceipt,
  unsentError,
} from '../transports/common/outbox';
import type { Wire } from '../wire';
import { type CrossTabMessage, receiveError, relayError } from './messages';
import { handlerOf } from './serve';

const LEADER_LEFT = 'the leading tab left before it confirmed it; it may not have been sent';

interface PendingCall extends PendingReceipt<unknown> {
  readonly verb: string;
  readonly args: unknown[];
  /** The leader known when the call was posted; undefined: none was known, so none took it. */
  readonly to: string | undefined;
}

type CallMessage = Extract<CrossTabMessage, { type: 'call' }>;
type ReceiptMessage = Extract<CrossTabMessage, { type: 'receipt' }>;

/**
 * The verbs of a cross-tab wire (`send`, `emit`, `publish`, `refresh`) that cross tabs: a
 * follower's calls waiting for the leading tab's receipt, and the leading tab running the calls
 * of others on its connection. A receipt settles with what happened on the leader; a call a
 * leader may have run before it left cannot be told apart from a lost one, so it is rejected.
 */
export class RelayedCalls {
  #nextId = 0;
  readonly #pending = new Map<number, PendingCall>();

  constructor(
    private readonly wire: Wire,
    private readonly tabId: string,
    private readonly post: (message: CrossTabMessage) => boolean,
  ) {}

  /** A follower's call, posted for `leader` (undefined: none known yet, whoever takes the lock). */
  call(verb: string, args: unknown[], leader: string | undefined): SendReceipt<unknown> {
    const id = ++this.#nextId;
    const status = this.wire.getState().status === 'open' ? 'sent' : 'queued';
    const pending = pendingReceipt<unknown>(status);
    this.#pending.set(id, { ...pending, verb, args, to: leader });
    this.post({ type: 'call', from: this.tabId, id, verb, args });
    return pending.receipt;
  }

  /** The leading tab runs another tab's call and posts its receipt back. */
  run(message: CallMessage): void {
    const reply = (outcome: { value?: unknown; error?: TidingsError }) =>
      this.post({
        type: 'receipt',
        from: this.tabId,
        to: message.from,
        id: message.id,
        ...(outcome.error ? { error: relayError(outcome.error) } : { value: outcome.value }),
      });
    const missing = new TidingsError(
      'config',
      `${message.verb}() cannot cross tabs on this channel`,
      { retryable: false },
    );
    this.#runHere(message.verb, message.args, missing).then(
      (value) => reply({ value }),
      (error: unknown) =>
        reply({
          error:
            error instanceof TidingsError
              ? error
              : new TidingsError('unsent', messageOf(error), { messages: message.args }),
        }),
    );
  }

  /** A receipt for one of this tab's calls. */
  settle(message: ReceiptMessage): void {
    const call = this.#pending.get(message.id);
    if (!call) return;
    this.#pending.delete(message.id);
    if (message.error) call.reject(receiveError(message.error));
    else call.resolve(message.value);
  }

  /**
   * This tab became the leader: calls posted while no leader was known (a send just after
   * connecting, before the lock was granted) run here now; those a previous leader may have run
   * are rejected as lost.
   */
  takeOver(): void {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of waiting) {
      if (call.to !== undefined) {
        call.reject(unsentError(call.args, LEADER_LEFT));
        continue;
      }
      const missing = unsentError(call.args, `${call.verb}() cannot cross tabs on this channel`);
      this.#runHere(call.verb, call.args, missing).then(call.resolve, call.reject);
    }
  }

  /**
   * Runs a call on this tab's wire: its receipt, or a refused one with `missing` when the wire
   * has no such verb, or an `unsent` error when the verb throws.
   */
  #runHere(verb: string, args: unknown[], missing: TidingsError): SendReceipt<unknown> {
    const handler = handlerOf(this.wire, verb);
    if (!handler) return refusedReceipt(missing);
    try {
      return handler(args);
    } catch (cause) {
      return refusedReceipt(unsentError(args, messageOf(cause)));
    }
  }

  /** Another tab took the lock: calls no leader took go to it, calls the old one took are lost. */
  newLeader(leader: string): void {
    for (const [id, call] of [...this.#pending]) {
      if (call.to === undefined) {
        this.#pending.set(id, { ...call, to: leader });
        this.post({ type: 'call', from: this.tabId, id, verb: call.verb, args: call.args });
      } else if (call.to !== leader) {
        this.#pending.delete(id);
        call.reject(unsentError(call.args, LEADER_LEFT));
      }
    }
  }

  /**
   * The first word from a leader that did not just take over (it would have said `leader`): it
   * led when this tab's waiting calls were posted, so it took them.
   */
  leaderHeard(leader: string): void {
    for (const [id, call] of [...this.#pending]) {
      if (call.to === undefined) this.#pending.set(id, { ...call, to: leader });
    }
  }

  /** Rejects every waiting call: the channel closed. */
  forget(reason: string): void {
    for (const call of this.#pending.values()) call.reject(unsentError(call.args, reason));
    this.#pending.clear();
  }
}
