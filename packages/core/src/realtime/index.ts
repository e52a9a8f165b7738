import { createChannel } from '../channel';
import { channelInternals, extendChannel } from '../channelInternals';
import { configError, type TidingsError } from '../errors';
import { encodeMessage } from '../transports/common/encode';
import { messageIdKey } from '../transports/common/messageId';
import type { OutboxOwner, SendReceipt } from '../transports/common/outbox';
import { sendThrough } from '../transports/common/send';
import { checkDuration, checkUrl, firstError } from '../transports/common/validate';
import type { Channel } from '../types';
import { wireKey } from '../wireKey';
import { shareRealtimeAcrossTabs } from './acrossTabs';
import {
  DEFAULT_ORDER,
  defaultMessageId,
  type FallbackPolicy,
  type RealtimeEndpoints,
  type RealtimeOptions,
  type RealtimeState,
  type RealtimeTransport,
  resolvePolicy,
} from './options';
import { type Tier, type TierSettings, tierDriver } from './tiers';
import { RealtimeWire, type TransportState } from './wire';

export type {
  FallbackPolicy,
  RealtimeEndpoints,
  RealtimeOptions,
  RealtimeState,
  RealtimeTransport,
  SwitchReason,
  TransportSwitch,
} from './options';

export interface RealtimeChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {
  /** The channel's state plus `transport` (in use) and `switched` (the last change and why). */
  getState(): RealtimeState<TData>;
  /**
   * Sends `message` (strings and binary as they are, anything else as JSON) with the send
   * contract of the other channels ({@link SendReceipt}): over the open WebSocket when that is the
   * transport in use (`'sent'`), else POSTed to `sendUrl` (`'sent'`; the receipt settles with the
   * answer), else `'refused'` with an `unsent` error. Nothing is queued across a switch.
   */
  send(message: unknown): SendReceipt;
}

const DEFAULT_POLL_INTERVAL = 5000;

/**
 * One stream offered over several endpoints of the same ordered log, on whichever transport gets
 * through: tried in `order` (WebSocket, SSE, long poll, short polling by default), falling to the
 * next when one fails in a way that will repeat (refused before it opens, buffered, cut again and
 * again), and probing the better ones again later. The cursor carries across transports, so a
 * switch loses and repeats nothing. `getState().transport` says which one is in use,
 * `getState().switched` why it last changed.
 *
 * Named for what the app wants (its real-time feed), not for a protocol, unlike the other factories:
 * which protocol carries it is the channel's business.
 *
 * @example
 * const feed = createRealtime<Note>(
 *   { webSocket: '/ws', sse: '/api/sse', longPoll: '/api/long-poll' },
 *   { events: ['notification'], sendUrl: '/api/messages' },
 * );
 * feed.subscribe(() => console.log(feed.getState().transport));
 */
export function createRealtime<TMessage, TData = TMessage>(
  endpoints: RealtimeEndpoints,
  options: RealtimeOptions<TMessage, TData> = {},
): RealtimeChannel<TMessage, TData> {
  const urls: Record<RealtimeTransport, string | undefined> = {
    webSocket: textOf(endpoints.webSocket),
    sse: textOf(endpoints.sse),
    longPoll: textOf(endpoints.longPoll),
    polling: textOf(endpoints.polling ?? endpoints.longPoll),
  };
  const order = (options.order ?? [...DEFAULT_ORDER]).filter((name) => urls[name] !== undefined);
  const policy = resolvePolicy(options.fallback);
  const positionUrl = textOf(options.positionUrl) ?? urls.longPoll ?? urls.polling;
  const sendUrl = textOf(options.sendUrl);
  const pauseWhenHidden = options.pauseWhenHidden ?? false;
  const settings: Omit<TierSettings, 'url'> = {
    messageId: options.messageId ?? defaultMessageId,
    events: options.events ?? ['message'],
    sseTransport: options.sseTransport ?? 'auto',
    headers: options.headers,
    longPollTimeout: options.longPollTimeout,
    pollInterval: options.pollInterval ?? DEFAULT_POLL_INTERVAL,
  };
  const owner: OutboxOwner = { report: (error) => internals.report(error) };

  // What this consumer shows of its wire's transport; kept when the wire goes (status says so).
  let transport: TransportState = { transport: undefined, switched: null };
  const stateListeners = new Set<() => void>();

  const channel = createChannel<TMessage, TData, RealtimeWire>(
    {
      key: wireKey('realtime', {
        urls,
        order,
        policy,
        positionUrl,
        sendUrl,
        events: [...settings.events].sort(),
        sseTransport: settings.sseTransport,
        headers: options.headers,
        longPollTimeout: options.longPollTimeout,
        pollInterval: settings.pollInterval,
        messageId: messageIdKey(options.messageId),
        reconnect: options.reconnect,
        pauseWhenHidden,
      }),
      validate: () => validateRealtime(endpoints, options, order),
      createWire: (env) => {
        const wire = new RealtimeWire(
          {
            tiers: order.map(
              (name): Tier => ({
                name,
                driver: tierDriver(name, { ...settings, url: urls[name] as string }, env),
              }),
            ),
            policy,
            positionUrl,
            sendUrl,
            headers: options.headers,
          },
          env,
          // Every endpoint serves the same ordered log: ids are counters the cursor orders.
          { reconnect: options.reconnect, pauseWhenHidden, orderedIds: true },
        );
        shareRealtimeAcrossTabs(wire);
        return wire;
      },
      attach: (wire) =>
        wire.watchTransport((next) => {
          const change = next.switched;
          const isNew = change !== null && change !== transport.switched;
          const joining = transport.transport === undefined && change !== null;
          transport = next;
          for (const listener of [...stateListeners]) listener();
          if (isNew && !joining) options.onSwitch?.(change);
        }),
    },
    options,
  );
  const internals = channelInternals<RealtimeWire>(channel);

  let base: ReturnType<typeof channel.getState> | undefined;
  let shown: TransportState | undefined;
  let snapshot: RealtimeState<TData> | undefined;

  return extendChannel(channel, {
    ...channel,
    getState() {
      const current = channel.getState();
      if (!snapshot || current !== base || transport !== shown) {
        base = current;
        shown = transport;
        snapshot = { ...current, transport: transport.transport, switched: transport.switched };
      }
      return snapshot;
    },
    subscribe(onChange) {
      stateListeners.add(onChange);
      const unsubscribe = channel.subscribe(onChange);
      return () => {
        stateListeners.delete(onChange);
        unsubscribe();
      };
    },
    send: (message) =>
      sendThrough(
        internals,
        'realtime',
        message,
        () => encodeMessage(message),
        (wire, data) => wire.send(owner, message, data),
        { verb: 'send', args: [message] },
      ),
  });
}

function textOf(url: string | URL | undefined): string | undefined {
  return url === undefined ? undefined : String(url);
}

function validateRealtime(
  endpoints: RealtimeEndpoints,
  options: Pick<
    RealtimeOptions<unknown>,
    'order' | 'fallback' | 'sendUrl' | 'positionUrl' | 'pollInterval' | 'longPollTimeout'
  >,
  order: RealtimeTransport[],
): TidingsError | undefined {
  const policy: FallbackPolicy = options.fallback ?? {};
  const unknown = (options.order ?? []).find((name) => !DEFAULT_ORDER.includes(name));
  return firstError(
    unknown === undefined
      ? undefined
      : configError(`order names an unknown transport "${String(unknown)}"`),
    order.length === 0
      ? configError('createRealtime needs an endpoint for at least one transport of its order')
      : undefined,
    endpoints.sse === undefined ? undefined : checkUrl('endpoints.sse', endpoints.sse),
    endpoints.longPoll === undefined
      ? undefined
      : checkUrl('endpoints.longPoll', endpoints.longPoll),
    endpoints.polling === undefined ? undefined : checkUrl('endpoints.polling', endpoints.polling),
    options.sendUrl === undefined ? undefined : checkUrl('sendUrl', options.sendUrl),
    options.positionUrl === undefined ? undefined : checkUrl('positionUrl', options.positionUrl),
    checkDuration('pollInterval', options.pollInterval),
    checkDuration('longPollTimeout', options.longPollTimeout),
    checkDuration('fallback.cutWindow', policy.cutWindow),
    checkDuration('fallback.stallTimeout', policy.stallTimeout),
    checkDuration('fallback.probeDelay', policy.probeDelay),
    checkDuration('fallback.probeMaxDelay', policy.probeMaxDelay),
    checkCount('fallback.refusals', policy.refusals),
    checkCount('fallback.cuts', policy.cuts),
  );
}

function checkCount(name: string, value: unknown): TidingsError | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return undefined;
  return configError(`${name} must be a whole number of at least 1, got ${String(value)}`);
}
