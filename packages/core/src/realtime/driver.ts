import { TidingsError } from '../errors';
import { isAtOrBefore } from '../messageOrder';
import type { SocketPayload } from '../transports/common/encode';
import type { OutboxOwner, SendReceipt } from '../transports/common/outbox';
import type { Attempt, AttemptContext, Driver, Frame } from '../wire';
import type { RealtimeTransport, ResolvedPolicy, SwitchReason, TransportSwitch } from './options';
import type { Tier, TierAttempt } from './tiers';

/** What the composite asks of the wire that runs it. */
export interface FallbackHooks {
  /** The wire's cursor now: where any transport started next resumes from. */
  cursor(): string | undefined;
  /** A transport became the one in use (first start, a fallback or an upgrade). */
  using(transport: RealtimeTransport, change: TransportSwitch | null): void;
  /**
   * Whether the server holds messages after `cursor`: true or false when it could be asked,
   * undefined when it could not (then a silent connection is given more time).
   */
  serverIsAhead(cursor: string | undefined): Promise<boolean | undefined>;
}

/** The wire's attempt: one transport's connection at a time, plus a probe of a better one. */
export interface RealtimeAttempt extends Attempt {
  /** Writes to the transport in use when it can (an open WebSocket); undefined otherwise. */
  write(owner: OutboxOwner, message: unknown, data: SocketPayload): SendReceipt | undefined;
}

/** One connection of one transport inside a composite attempt. */
interface Leg {
  index: number;
  attempt: TierAttempt | undefined;
  /** Ended (closed, failed, replaced): its late events are ignored. */
  dead: boolean;
  /** A probe: what it delivers is held back until it proves it delivers, then replayed. */
  trial: boolean;
  held: Array<() => void>;
  opened: boolean;
  openedAt: number;
  delivered: boolean;
  timer: unknown;
}

/**
 * The composite transport: a `Driver` whose attempt runs the driver of one transport of the
 * order at a time, on one wire, so the cursor, dedupe (`orderedIds`), backoff, sharing and page
 * lifecycle are the wire's as for any channel. It falls to the next transport when one fails in a
 * way that will repeat, and probes the earlier ones again later with a growing wait.
 *
 * A fall happens inside the wire's attempt (the next transport starts at once, from the wire's
 * cursor, with no backoff); a failure that does not make it fall is handed to the wire, which
 * retries the same transport with its backoff.
 */
export class FallbackDriver implements Driver<RealtimeAttempt> {
  /** The transport in use; kept across the wire's attempts. */
  private index = 0;
  private readonly refusals: number[];
  private readonly cuts: number[];
  private probeRound = 0;

  constructor(
    private readonly tiers: readonly Tier[],
    private readonly policy: ResolvedPolicy,
    private readonly hooks: FallbackHooks,
  ) {
    this.refusals = tiers.map(() => 0);
    this.cuts = tiers.map(() => 0);
  }

  /**
   * Where the next attempt starts: a tab taking over a cross-tab wire goes on with the transport
   * the leading tab had found, rather than be refused again on the way down.
   */
  resumeOn(transport: RealtimeTransport): void {
    const index = this.tiers.findIndex((tier) => tier.name === transport);
    if (index !== -1) this.index = index;
  }

  start(context: AttemptContext): RealtimeAttempt {
    const { env } = context;
    const { tiers, policy, hooks } = this;
    let closed = false;
    let current: Leg | undefined;
    let trial: Leg | undefined;
    let probeTimer: unknown;

    const nameOf = (leg: Leg) => (tiers[leg.index] as Tier).name;
    const live = (leg: Leg) => !closed && !leg.dead;

    const endLeg = (leg: Leg | undefined) => {
      if (!leg || leg.dead) return;
      leg.dead = true;
      env.clearTimeout(leg.timer);
      const attempt = leg.attempt;
      leg.attempt = undefined;
      attempt?.close();
    };

    const connect = (index: number, asTrial: boolean): Leg => {
      const leg: Leg = {
        index,
        attempt: undefined,
        dead: false,
        trial: asTrial,
        held: [],
        opened: false,
        openedAt: 0,
        delivered: false,
        timer: undefined,
      };
      // Held back while a trial; straight to the wire once it is the transport in use.
      const deliver = (op: () => void) => {
        leg.delivered = true;
        if (!leg.trial) {
          op();
          return;
        }
        leg.held.push(op);
        promote(leg);
      };
      const legContext: AttemptContext = {
        get cursor() {
          return hooks.cursor();
        },
        env,
        opened: () => {
          if (!live(leg)) return;
          if (!leg.opened) {
            leg.opened = true;
            leg.openedAt = env.now();
            if (!leg.trial) watchForStall(leg);
          }
          if (!leg.trial) {
            this.refusals[leg.index] = 0;
            context.opened();
          }
        },
        frame: (frame: Frame) => {
          if (live(leg)) deliver(() => context.frame(frame));
        },
        setCursor: (cursor) => {
          if (!live(leg)) return;
          // A trial's position may be behind what the transport in use delivered meanwhile.
          deliver(() => {
            if (!leg.trial && (cursor === undefined || !isAtOrBefore(cursor, hooks.cursor()))) {
              context.setCursor(cursor);
            }
          });
        },
        reset: (cursor, reason) => {
          if (!live(leg)) return;
          deliver(() => {
            if (!isAtOrBefore(cursor, hooks.cursor())) context.reset(cursor, reason);
          });
        },
        fail: (error) => {
          if (live(leg)) failed(leg, error);
        },
        report: (error) => {
          if (live(leg) && !leg.trial) context.report(error);
        },
        // The app's `reconnect` schedule governs every transport alike (SSE's `retry:` included).
        setBaseDelay: () => {},
        end: () => {
          if (live(leg))
            failed(leg, new TidingsError('network', `The ${nameOf(leg)} connection ended`));
        },
      };
      if (asTrial) {
        trial = leg;
        // A probe has this long to open and deliver; a buffered stream never does.
        leg.timer = env.setTimeout(() => {
          if (!live(leg) || !leg.trial) return;
          endLeg(leg);
          trial = undefined;
          probe(leg.index + 1);
        }, policy.stallTimeout);
      } else {
        current = leg;
        this.index = index;
      }
      try {
        const attempt = (tiers[index] as Tier).driver.start(legContext);
        if (live(leg)) leg.attempt = attempt;
        else attempt.close();
      } catch (cause) {
        if (live(leg)) {
          failed(
            leg,
            cause instanceof TidingsError
              ? cause
              : new TidingsError('config', String(cause), { cause, retryable: false }),
          );
        }
      }
      return leg;
    };

    /** Re-checks an open connection that delivered nothing, every `stallTimeout`. */
    const watchForStall = (leg: Leg) => {
      leg.timer = env.setTimeout(async () => {
        if (!live(leg) || leg.delivered) return;
        const cursor = hooks.cursor();
        const ahead = await hooks.serverIsAhead(cursor);
        if (!live(leg) || leg.delivered) return;
        if (ahead !== true) {
          // A quiet feed (or a server that cannot say): look again later.
          watchForStall(leg);
          return;
        }
        const error = new TidingsError(
          'timeout',
          `The ${nameOf(leg)} connection opened but delivered nothing in ${policy.stallTimeout} ms while the server holds messages after ${cursor ?? 'its start'} (a buffering proxy?)`,
        );
        fallFrom(leg, 'buffered', error);
      }, policy.stallTimeout);
    };

    const failed = (leg: Leg, error: TidingsError) => {
      if (leg.trial) {
        endLeg(leg);
        trial = undefined;
        probe(leg.index + 1);
        return;
      }
      endLeg(leg);
      const { index } = leg;
      // The server refused us: another transport would be refused too.
      if (error.kind === 'auth') return context.fail(error);
      if (error.kind === 'config') return fallFrom(leg, 'unavailable', error);
      if (!leg.opened) {
        this.refusals[index] = (this.refusals[index] ?? 0) + 1;
        if ((this.refusals[index] ?? 0) >= policy.refusals) return fallFrom(leg, 'refused', error);
        return context.fail(error);
      }
      const cut = env.now() - leg.openedAt < policy.cutWindow;
      this.cuts[index] = cut ? (this.cuts[index] ?? 0) + 1 : 0;
      if (cut && (this.cuts[index] ?? 0) >= policy.cuts) return fallFrom(leg, 'cut', error);
      context.fail(error);
    };

    /** Starts the next transport of the order now; at the last one, the wire retries it. */
    const fallFrom = (leg: Leg, reason: SwitchReason, error: TidingsError) => {
      endLeg(leg);
      const next = leg.index + 1;
      if (next >= tiers.length) {
        context.fail(error);
        return;
      }
      this.refusals[next] = 0;
      this.cuts[next] = 0;
      // A probe of the transport we fall to, or one below it, is moot now.
      if (trial && trial.index >= next) {
        endLeg(trial);
        trial = undefined;
      }
      hooks.using((tiers[next] as Tier).name, switchOf(leg.index, next, reason, error));
      connect(next, false);
      scheduleProbe();
    };

    /** A probe delivered: it becomes the transport in use, and what it held back is replayed. */
    const promote = (leg: Leg) => {
      if (!leg.trial || !live(leg)) return;
      const previous = current;
      leg.trial = false;
      trial = undefined;
      env.clearTimeout(leg.timer);
      current = leg;
      this.index = leg.index;
      this.refusals[leg.index] = 0;
      this.cuts[leg.index] = 0;
      endLeg(previous);
      hooks.using(nameOf(leg), switchOf(previous?.index ?? leg.index, leg.index, 'upgraded', null));
      if (leg.opened) context.opened();
      // Replayed in order; the wire drops what the transport it replaces already delivered.
      for (const op of leg.held.splice(0)) op();
      scheduleProbe();
    };

    const switchOf = (
      from: number,
      to: number,
      reason: SwitchReason,
      error: TidingsError | null,
    ): TransportSwitch => ({
      from: (tiers[from] as Tier).name,
      to: (tiers[to] as Tier).name,
      reason,
      error,
      at: env.now(),
    });

    /** Tries the transports before the one in use, best first, one at a time. */
    const probe = (index: number) => {
      if (closed || trial) return;
      if (index >= this.index) {
        scheduleProbe();
        return;
      }
      connect(index, true);
    };

    const scheduleProbe = () => {
      if (closed || this.index === 0 || trial || probeTimer !== undefined) return;
      const ceiling = Math.min(policy.probeMaxDelay, policy.probeDelay * 2 ** this.probeRound);
      // Equal jitter: never sooner than half the wait, so a crowd spreads without probing at once.
      const delay = ceiling / 2 + (env.random() * ceiling) / 2;
      probeTimer = env.setTimeout(() => {
        probeTimer = undefined;
        this.probeRound++;
        probe(0);
      }, delay);
    };

    hooks.using((tiers[this.index] as Tier).name, null);
    connect(this.index, false);
    scheduleProbe();

    return {
      write(owner, message, data) {
        return current && !current.dead
          ? current.attempt?.write?.(owner, message, data)
          : undefined;
      },
      close() {
        closed = true;
        endLeg(current);
        endLeg(trial);
        env.clearTimeout(probeTimer);
        probeTimer = undefined;
      },
    };
  }
}
