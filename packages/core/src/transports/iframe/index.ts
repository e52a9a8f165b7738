import { createChannel } from '../../channel';
import type { TidingsEnv } from '../../env';
import { configError, TidingsError } from '../../errors';
import { listen } from '../../listen';
import { decodeJson } from '../../parse';
import type { Channel, ChannelOptions } from '../../types';
import { type AttemptContext, type Driver, type Frame, Wire } from '../../wire';
import { wireKey } from '../../wireKey';
import { binaryIsNotJson, isBinaryFrame } from '../common/binaryFrame';
import { type MessageId, messageIdKey, readMessageId } from '../common/messageId';
import { applyControlFrame } from '../common/resumeSignal';
import { anyUrl, type UrlGetter, urlGetterDriver } from '../common/urlGetter';
import { checkDuration, checkUrl, firstError } from '../common/validate';
import { startWatchdog } from '../common/watchdog';
import { withQuery } from '../common/withQuery';

/** Posted by the server before any message: the stream is up (an iframe has no handshake). */
export const IFRAME_OPEN_TYPE = 'tidings:open';
/** Posted by the server as a heartbeat; proves the stream is alive and is not delivered. */
export const IFRAME_PING_TYPE = 'tidings:ping';
/**
 * Posted by a server's refusal page instead of the stream (the page cannot see an iframe's HTTP
 * status): `{ type: 'tidings:refused', status: 401 | 403, reason? }`. The attempt fails with an
 * `auth` error of that status, so `onAuthError` may refresh the token and ask for a retry.
 */
export const IFRAME_REFUSED_TYPE = 'tidings:refused';

interface IframeRefusal {
  status?: unknown;
  reason?: unknown;
}

/** The `auth` error of a refusal page: final unless `onAuthError` asks for a retry. */
function refusal(url: string, { status, reason }: IframeRefusal): TidingsError {
  const code = typeof status === 'number' ? status : 401;
  const why = typeof reason === 'string' && reason !== '' ? ` (${reason})` : '';
  return new TidingsError('auth', `The iframe stream ${url} was refused with ${code}${why}`, {
    status: code,
    retryable: false,
  });
}

export interface IframeStreamOptions<TMessage, TData = TMessage>
  extends ChannelOptions<TMessage, TData> {
  /**
   * The only origin whose `postMessage`s are accepted (`event.origin` must equal it exactly).
   * @default the origin of the stream URL
   */
  origin?: string;
  /**
   * Milliseconds without any post (message, open or `{ type: 'tidings:ping' }`) after which the
   * stream counts as dead and reconnects. A page cannot see a cut iframe response (Chromium fires
   * no `load` for a truncated body), so the server must post something more often than this;
   * `false` relies on `load` alone.
   * @default 45000
   */
  heartbeatTimeout?: number | false;
  /**
   * The delivery id of a message (called with the posted value, JSON text decoded): drops a
   * message seen twice and is the cursor sent as `lastEventId` on reconnect. Without it the cursor
   * is the position the server stated at the last open (see "Resume protocol" in the README).
   * @default none (no dedupe)
   */
  messageId?: MessageId;
  /** Ids `messageId` returns are increasing decimal counters: drop any at or before the cursor. @default false */
  orderedIds?: boolean;
}

export interface IframeStreamChannel<TMessage, TData = TMessage> extends Channel<TMessage, TData> {
  /**
   * The escape hatch: the hidden `<iframe>` of the live attempt, or undefined between attempts.
   * Do not remove it or change its `src`: that bypasses the wire. Use `close()` / `reconnect()`.
   */
  raw(): HTMLIFrameElement | undefined;
}

/** The page pieces an iframe stream needs beyond `TidingsEnv`'s minimal shapes. */
interface PageLocation {
  location?: { href?: string; origin?: string };
}

const HTTP = ['http:', 'https:'];

/** Resolves a (possibly relative) stream URL against the page; undefined unless http(s). */
function absolute(url: string, env: TidingsEnv): URL | undefined {
  const base =
    (env.document as { baseURI?: string } | undefined)?.baseURI ??
    (env.window as PageLocation | undefined)?.location?.href;
  const parsed = tryUrl(url, base);
  return parsed && HTTP.includes(parsed.protocol) ? parsed : undefined;
}

/** Only http(s) may be framed: a `javascript:` or `data:` src would run in (or as) the page. */
function checkStreamUrl(url: string | URL): TidingsError | undefined {
  let parsed: URL;
  try {
    // Relative URLs are fine here; the page resolves them when the stream starts.
    parsed = new URL(String(url), 'http://relative.invalid/');
  } catch {
    return configError(`url "${String(url)}" is not a valid URL`);
  }
  return HTTP.includes(parsed.protocol)
    ? undefined
    : configError(`url "${String(url)}" must use http: or https:`);
}

function checkOrigin(origin: unknown): TidingsError | undefined {
  if (origin === undefined) return undefined;
  const parsed = typeof origin === 'string' ? tryUrl(origin) : undefined;
  const bare = parsed && parsed.pathname === '/' && !parsed.search && !parsed.hash;
  return bare && HTTP.includes(parsed.protocol)
    ? undefined
    : configError(`origin "${String(origin)}" is not an origin like "https://example.com"`);
}

function tryUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

function iframeDriver(
  url: string,
  originOption: string | undefined,
  heartbeatTimeout: number | false,
  messageId: MessageId | undefined,
): Driver {
  return {
    start(context: AttemptContext) {
      const { env } = context;
      const { document } = env;
      if (!document?.createElement || !document.body) {
        context.fail(configError('createIframeStream needs a page: env.document with a body'));
        return { close() {} };
      }
      const resolved = absolute(url, env);
      if (!resolved) {
        context.fail(configError(`url "${url}" cannot be resolved to an http(s) URL on this page`));
        return { close() {} };
      }
      const origin = originOption ?? resolved.origin;
      const pageOrigin = (env.window as PageLocation | undefined)?.location?.origin;
      const iframe = document.createElement('iframe');
      // Set before insertion so the frame navigates once, straight to the stream.
      iframe.src = withQuery(url, {
        lastEventId: context.cursor,
        // The server needs the page's origin as postMessage's targetOrigin.
        origin: pageOrigin && pageOrigin !== 'null' ? pageOrigin : undefined,
      });
      iframe.setAttribute('aria-hidden', 'true');
      iframe.setAttribute('tabindex', '-1');
      iframe.title = 'tidings stream';
      iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';

      let opened = false;
      const open = () => {
        if (opened) return;
        opened = true;
        context.opened();
      };
      // Silence (no open, no message, no ping) for too long means the response was cut.
      const watchdog =
        heartbeatTimeout === false
          ? undefined
          : startWatchdog(env, heartbeatTimeout, `The iframe stream ${url}`, (error) =>
              context.fail(error),
            );
      const heard = () => watchdog?.alive();
      const disposers = [
        listen(env.window, 'message', (event) => {
          const { data, origin: from, source } = event as MessageEvent;
          // Another origin, or another frame (a second stream, an ad) of the same origin: not ours.
          if (from !== origin || source !== iframe.contentWindow) return;
          // Bytes are not a message the default parse can read: reported, like a binary socket frame.
          const json =
            typeof data === 'string'
              ? decodeJson(data)
              : isBinaryFrame(data)
                ? binaryIsNotJson(data)
                : undefined;
          const value = json ? (json.ok ? json.value : undefined) : data;
          heard();
          const type = (value as { type?: unknown } | null)?.type;
          if (type === IFRAME_REFUSED_TYPE) {
            context.fail(refusal(url, value as IframeRefusal));
            return;
          }
          if (type === IFRAME_OPEN_TYPE || type === IFRAME_PING_TYPE) {
            open();
            return;
          }
          open();
          if (applyControlFrame(value, context)) return;
          const frame: Frame = { raw: data, meta: { origin: from }, json };
          frame.id = readMessageId(messageId, frame, context);
          context.frame(frame);
        }),
        // The frame's document finished loading: the server ended the response.
        listen(iframe, 'load', () => {
          context.fail(new TidingsError('network', `The iframe stream ${url} ended`));
        }),
      ];
      document.body.appendChild(iframe);
      let live = true;
      return {
        raw: () => (live ? iframe : undefined),
        close: () => {
          live = false;
          watchdog?.stop();
          for (const dispose of disposers) dispose();
          iframe.parentNode?.removeChild(iframe);
        },
      };
    },
  };
}

/**
 * The legacy hidden-iframe stream: the server keeps an HTML response open and pushes
 * `<script>parent.postMessage(message, origin)</script>` per message. Only messages posted by this
 * channel's own iframe from `origin` are accepted; nothing the server sends is written into the page.
 *
 * @example
 * const feed = createIframeStream<Notification>('https://push.example.com/iframe/stream');
 * feed.onMessage((n) => console.log('new', n));
 */
export function createIframeStream<TMessage, TData = TMessage>(
  /**
   * The stream's URL, or a getter called before every connection (a token in the query that
   * expires; it may be async). Errors then name the URL without its query.
   */
  url: string | URL | UrlGetter,
  options: IframeStreamOptions<TMessage, TData> = {},
): IframeStreamChannel<TMessage, TData> {
  const { origin } = options;
  const pauseWhenHidden = options.pauseWhenHidden ?? false;
  const heartbeatTimeout = options.heartbeatTimeout ?? 45_000;
  // `raw()` hands over the attempt's iframe element.
  return createChannel<TMessage, TData, Wire>(
    {
      key: wireKey('iframe', {
        // A getter by identity: its URL is only known per attempt.
        url: typeof url === 'function' ? url : String(url),
        origin,
        heartbeatTimeout,
        messageId: messageIdKey(options.messageId),
        orderedIds: options.orderedIds,
        pauseWhenHidden,
        reconnect: options.reconnect,
      }),
      validate: () =>
        firstError(
          typeof url === 'function' ? undefined : (checkUrl('url', url) ?? checkStreamUrl(url)),
          checkOrigin(origin),
          heartbeatTimeout === false
            ? undefined
            : checkDuration('heartbeatTimeout', heartbeatTimeout),
        ),
      createWire(env) {
        // `new URL().origin` normalises case and a trailing slash, as `event.origin` is written.
        const normalized = origin === undefined ? undefined : tryUrl(origin)?.origin;
        const driverAt = (at: string) =>
          iframeDriver(at, normalized, heartbeatTimeout, options.messageId);
        const driver =
          typeof url === 'function'
            ? urlGetterDriver(url, anyUrl, driverAt)
            : driverAt(String(url));
        return new Wire(driver, env, {
          reconnect: options.reconnect,
          pauseWhenHidden,
          orderedIds: options.orderedIds,
        });
      },
    },
    options,
  ) as IframeStreamChannel<TMessage, TData>;
}
