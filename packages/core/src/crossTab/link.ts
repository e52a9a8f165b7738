import type { BroadcastChannelLike, LockManagerLike, TidingsEnv } from '../env';
import { messageOf, TidingsError } from '../errors';
import { listen } from '../listen';
import { refusedReceipt, type SendReceipt, unsentError } from '../transports/common/outbox';
import type {
  Attempt,
  AttemptContext,
  Driver,
  Frame,
  Wire,
  WireListener,
  WireState,
} from '../wire';
import { RelayedCalls } from './calls';
import { Election } from './election';
import { FrameHistory } from './history';
import {
  type CrossTabMessage,
  isCrossTabMessage,
  receiveError,
  receiveFrame,
  relayError,
  relayFrame,
} from './messages';
import type { ResolvedCrossTab } from './options';
import { type CrossTabLinkView, crossTabLinkOf, registerCrossTabLink } from './registry';
import { sharedStateOf } from './sharedState';

/** Relayed frames kept for a follower whose relay is paused (a hidden page), oldest dropped. */
const MAX_BUFFERED = 10_000;
/**
 * Prefix of every lock and BroadcastChannel name, with the version of the messages: tabs running
 * another version of this protocol (an old tab after a deploy) never take part in one election.
 */
const NAME_PREFIX = 'tidings:crossTab:v1:';

/**
 * Makes `wire` cross-tab: from its start to its stop it takes part in the election for `name`,
 * and connects only while this tab leads. Does nothing where Web Locks or BroadcastChannel are
 * missing: the wire then connects in this tab, as without the option.
 */
export function shareAcrossTabs(
  wire: Wire,
  name: string,
  settings: ResolvedCrossTab,
  env: TidingsEnv,
): void {
  if (!env.locks || !env.BroadcastChannel || crossTabLinkOf(wire)) return;
  registerCrossTabLink(
    wire,
    new CrossTabLink(wire, name, settings, env, env.locks, env.BroadcastChannel),
  );
}

/**
 * One tab's end of a cross-tab wire. Leading, it lets the wire's real driver connect and posts
 * every frame, state change and error the wire has to the other tabs; following, it gives the
 * wire a relay attempt fed from those posts, so the wire's own dedupe, cursor and status work as
 * usual and its consumers never know the difference.
 */
export class CrossTabLink implements CrossTabLinkView {
  readonly tabId: string;
  private role: 'leader' | 'follower' = 'follower';
  private joined = false;
  private channel: BroadcastChannelLike | undefined;
  private election: Election | undefined;
  /** The follower's live relay attempt; undefined while it leads or is paused. */
  private relay: AttemptContext | undefined;
  private buffered: CrossTabMessage[] = [];
  private lastHeard = 0;
  private leaderId: string | undefined;
  private beatTimer: unknown;
  private disposers: Array<() => void> = [];
  /** The state this tab last posted while leading: each error is relayed once. */
  private posted: WireState = { status: 'idle', error: null, attempt: 0, cursor: undefined };
  private cursorQueued = false;
  private readonly calls: RelayedCalls;
  private readonly history = new FrameHistory();

  constructor(
    private readonly wire: Wire,
    private readonly name: string,
    private readonly settings: ResolvedCrossTab,
    private readonly env: TidingsEnv,
    private readonly locks: LockManagerLike,
    private readonly Channel: new (name: string) => BroadcastChannelLike,
  ) {
    this.tabId = `${env.now().toString(36)}-${env.random().toString(36).slice(2)}`;
    this.calls = new RelayedCalls(wire, this.tabId, (message) => this.post(message));
    wire.wrapDriver((driver) => this.relayingDriver(driver));
    const listener: WireListener = {
      state: (state) => this.wireState(state),
      opened: () => this.leading() && this.post({ type: 'opened', from: this.tabId }),
      frame: (frame) => this.wireFrame(frame),
      report: (error) =>
        this.leading() && this.post({ type: 'report', from: this.tabId, error: relayError(error) }),
      // The consumers of this tab decide for the connection; this link never vetoes a retry.
      shouldReconnect: () => true,
    };
    wire.listen(listener);
  }

  get isLeader(): boolean {
    return this.role === 'leader';
  }

  /** The tab that leads, as far as this one knows (itself when leading). */
  get leader(): string | undefined {
    return this.role === 'leader' ? this.tabId : this.leaderId;
  }

  /**
   * A follower's verb: runs on the leading tab's connection, and its receipt settles with what
   * happened there. Undefined while this tab leads (the caller sends on its own connection).
   */
  call(verb: string, args: unknown[]): SendReceipt<unknown> | undefined {
    if (this.role === 'leader') return undefined;
    if (!this.joined) {
      return refusedReceipt(unsentError(args, 'the channel is not connected'));
    }
    return this.calls.call(verb, args, this.leaderId);
  }

  private leading(): boolean {
    return this.role === 'leader' && this.joined;
  }

  private relayingDriver(driver: Driver<Attempt>): Driver<Attempt> {
    return {
      start: (context) => {
        if (this.role === 'leader') return driver.start(context);
        this.relay = context;
        const held = this.buffered.splice(0);
        for (const message of held) this.apply(message);
        // The cursor after what was held: the leader replays only what this tab still lacks.
        this.post({ type: 'hello', from: this.tabId, cursor: this.wire.getState().cursor });
        return {
          close: () => {
            if (this.relay === context) this.relay = undefined;
          },
        };
      },
    };
  }

  /** Every frame the wire delivers, led or relayed, is remembered; a leader relays it. */
  private wireFrame(frame: Frame): void {
    if (!this.joined) return;
    const relayed = relayFrame(frame);
    this.history.remember(relayed);
    if (this.leading()) this.post({ type: 'frame', from: this.tabId, frame: relayed });
  }

  private wireState(state: WireState): void {
    if (this.leading()) this.postState(state);
    if (this.wire.isRunning && !this.joined) this.join();
    else if (!this.wire.isRunning && this.joined) this.leave();
  }

  private postState(state: WireState): void {
    const errorChanged = state.error !== this.posted.error;
    // A stop (the last consumer left) hands the connection over: the other tabs go on, so only
    // a close with a new error (the connection failed for good) is theirs to see.
    if (!this.wire.isRunning && !errorChanged) return;
    if (
      !errorChanged &&
      state.status === this.posted.status &&
      state.attempt === this.posted.attempt
    ) {
      // Only the cursor moved. A frame moves it before the frame reaches listeners, so the post
      // waits a microtask: followers get the frame first, or `orderedIds` would drop it as old.
      if (!this.cursorQueued) {
        this.cursorQueued = true;
        this.env.queueMicrotask(() => {
          this.cursorQueued = false;
          const now = this.wire.getState();
          if (this.leading() && now.cursor !== this.posted.cursor) this.sendState(now, false);
        });
      }
      return;
    }
    this.sendState(state, errorChanged);
  }

  private sendState(state: WireState, errorChanged: boolean): void {
    this.posted = state;
    this.post(this.stateMessage(state, errorChanged));
  }

  /** The leader's state as followers take it; the error only when it is news to them. */
  private stateMessage(state: WireState, withError: boolean): CrossTabMessage {
    return {
      type: 'state',
      from: this.tabId,
      status: state.status,
      attempt: state.attempt,
      cursor: state.cursor,
      ...(withError ? { error: state.error ? relayError(state.error) : null } : {}),
    };
  }

  private join(): void {
    this.joined = true;
    this.lastHeard = this.env.now();
    const channel = new this.Channel(`${NAME_PREFIX}${this.name}`);
    channel.onmessage = (event) => {
      if (isCrossTabMessage(event.data)) this.receive(event.data);
    };
    this.channel = channel;
    const shared = sharedStateOf(this.wire);
    if (shared) this.disposers.push(shared.watch(() => this.leading() && this.postShared()));
    this.election = new Election(this.locks, `${NAME_PREFIX}${this.name}`, {
      lead: () => this.becomeLeader(),
      deposed: () => this.becomeFollower(),
    });
    if (!this.sitsOut()) this.election.join();
    this.watchPage();
    this.scheduleBeat();
  }

  private leave(): void {
    this.joined = false;
    this.election?.leave();
    this.election = undefined;
    this.channel?.close();
    this.channel = undefined;
    for (const dispose of this.disposers.splice(0)) dispose();
    if (this.beatTimer !== undefined) this.env.clearTimeout(this.beatTimer);
    this.beatTimer = undefined;
    this.role = 'follower';
    this.relay = undefined;
    this.buffered = [];
    this.history.clear();
    this.calls.forget('the channel closed before the leading tab confirmed it');
  }

  /**
   * A hidden tab does not lead a wire that pauses while hidden: it would pause every tab's
   * stream. While every tab is hidden, none leads and the stream rests, as in a single tab.
   */
  private sitsOut(): boolean {
    return this.wire.pausesWhenHidden && this.env.document?.hidden === true;
  }

  private watchPage(): void {
    const { document, window } = this.env;
    const stepDown = () => {
      this.election?.leave();
      if (this.role === 'leader') this.becomeFollower();
    };
    const stepUp = () => {
      if (this.joined && !this.sitsOut()) this.election?.join();
    };
    this.disposers.push(
      // A frozen tab runs no code, so it cannot relay: hand the lock over before freezing.
      listen(document, 'freeze', stepDown),
      listen(document, 'resume', stepUp),
      listen(window, 'pagehide', stepDown),
      listen(window, 'pageshow', stepUp),
    );
    if (this.wire.pausesWhenHidden) {
      this.disposers.push(
        listen(document, 'visibilitychange', () => (this.sitsOut() ? stepDown() : stepUp())),
      );
    }
  }

  private becomeLeader(): void {
    if (!this.joined) return;
    this.role = 'leader';
    this.leaderId = this.tabId;
    this.relay = undefined;
    this.buffered = [];
    // Its current error was the previous leader's, already reported in every tab.
    this.posted = { ...this.wire.getState(), status: 'idle' };
    this.post({ type: 'leader', from: this.tabId });
    // Ends the relay and connects from this tab's cursor: the newest this tab has seen, and every
    // tab saw the same frames; whatever the server replays that a tab already has is dropped by id.
    this.wire.reconnect();
    this.calls.takeOver();
  }

  private becomeFollower(): void {
    if (this.role !== 'leader') return;
    this.role = 'follower';
    this.leaderId = undefined;
    this.lastHeard = this.env.now();
    if (this.joined) this.wire.reconnect();
  }

  private scheduleBeat(): void {
    this.beatTimer = this.env.setTimeout(() => {
      this.beatTimer = undefined;
      if (!this.joined) return;
      if (this.role === 'leader') this.post({ type: 'beat', from: this.tabId });
      else if (this.election?.waiting && this.env.now() - this.lastHeard > this.settings.staleMs) {
        // The lock is held by a tab that stopped talking (frozen, stuck): take it.
        this.lastHeard = this.env.now();
        this.election.steal();
      }
      this.scheduleBeat();
    }, this.settings.beatMs);
  }

  private receive(message: CrossTabMessage): void {
    if (message.from === this.tabId) return;
    if (this.role === 'leader') {
      if (message.type === 'hello') this.answerHello(message);
      else if (message.type === 'call') this.calls.run(message);
      return;
    }
    if (message.type === 'hello' || message.type === 'call') return;
    if (message.type === 'receipt') {
      if (message.to === this.tabId) this.calls.settle(message);
      return;
    }
    if (
      (message.type === 'frame' || message.type === 'gap' || message.type === 'shared') &&
      message.to !== undefined
    ) {
      if (message.to !== this.tabId) return;
    }
    this.lastHeard = this.env.now();
    if (message.type === 'leader' && message.from !== this.leaderId) {
      this.calls.newLeader(message.from);
    } else if (this.leaderId === undefined) this.calls.leaderHeard(message.from);
    this.leaderId = message.from;
    if (message.type === 'leader' || message.type === 'beat') return;
    if (this.relay) this.apply(message);
    else {
      this.buffered.push(message);
      if (this.buffered.length > MAX_BUFFERED) this.buffered.shift();
    }
  }

  /** Feeds one of the leader's posts into this tab's wire through the relay attempt. */
  private apply(message: CrossTabMessage): void {
    const relay = this.relay;
    if (!relay) return;
    switch (message.type) {
      case 'frame':
        relay.frame(receiveFrame(message.frame));
        return;
      case 'opened':
        relay.opened();
        return;
      case 'gap':
        // Like a server that cannot resume: say messages may be missing, and go on from here.
        relay.reset(
          message.cursor ?? '',
          'this tab fell behind the leading tab (stuck or frozen) past what it remembers',
        );
        return;
      case 'report':
        relay.report(receiveError(message.error));
        return;
      case 'shared':
        sharedStateOf(this.wire)?.mirror(message.value);
        return;
      case 'state': {
        const error =
          message.error === undefined ? undefined : message.error && receiveError(message.error);
        if (message.cursor !== undefined) relay.setCursor(message.cursor);
        if (message.status === 'open' && this.wire.getState().status !== 'open') relay.opened();
        this.wire.mirror(
          {
            status: message.status,
            attempt: message.attempt,
            ...(error === undefined ? {} : { error }),
          },
          error?.kind === 'reset',
        );
        return;
      }
      default:
        return;
    }
  }

  private answerHello(hello: Extract<CrossTabMessage, { type: 'hello' }>): void {
    const state = this.wire.getState();
    // A follower behind this tab (it was stuck while another led) first gets what it missed.
    if (hello.cursor !== undefined && hello.cursor !== state.cursor) {
      const missed = this.history.after(hello.cursor);
      if (missed) {
        for (const frame of missed)
          this.post({ type: 'frame', from: this.tabId, frame, to: hello.from });
      } else {
        this.post({ type: 'gap', from: this.tabId, to: hello.from, cursor: state.cursor });
      }
    }
    // Not `sendState`: what was posted to every follower stays as it was.
    this.post(this.stateMessage(state, true));
    this.postShared(hello.from);
  }

  /** The wire's shared state (if it has one), to every follower or to the one that joined. */
  private postShared(to?: string): void {
    const shared = sharedStateOf(this.wire);
    if (!shared) return;
    this.post({ type: 'shared', from: this.tabId, value: shared.read(), ...(to ? { to } : {}) });
  }

  /** Posts to the other tabs; false when the message could not be cloned. */
  private post(message: CrossTabMessage): boolean {
    const channel = this.channel;
    if (!channel) return false;
    try {
      channel.postMessage(message);
      return true;
    } catch (cause) {
      // A value structured clone refuses (a function inside a message or an ack's answer): the
      // other tabs are told what happened instead of hearing nothing.
      const error = new TidingsError(
        'config',
        `A ${message.type} could not be relayed to the other tabs: ${messageOf(cause)}`,
        { cause, retryable: false },
      );
      if (message.type === 'frame') {
        channel.postMessage({ type: 'report', from: this.tabId, error: relayError(error) });
      } else if (message.type === 'receipt') {
        channel.postMessage({ ...message, value: undefined, error: relayError(error) });
      } else if (message.type === 'call') {
        this.calls.settle({
          ...message,
          type: 'receipt',
          to: this.tabId,
          error: relayError(error),
        });
      }
      return false;
    }
  }
}
