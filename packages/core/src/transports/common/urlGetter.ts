import type { TidingsError } from '../../errors';
import type { Attempt, AttemptContext, Driver } from '../../wire';
import { credentialsOf } from './request';
import { checkUrl } from './validate';

/**
 * A `url` computed per attempt (a token in the query that expires): called before every
 * connection, never cached; the attempt waits for it (it may be async). A getter that throws or
 * rejects fails the attempt with a retryable `auth` error; one that returns a bad URL, with a
 * `config` error.
 */
export type UrlGetter = () => string | URL | Promise<string | URL>;

/** A long-poll or polling source whose URL comes from a getter (a plain function is a fetcher). */
export interface UrlGetterSource {
  url: UrlGetter;
}

/** Whether a source is `{ url: getter }`. */
export function isUrlGetterSource(source: unknown): source is UrlGetterSource {
  return (
    typeof source === 'object' &&
    source !== null &&
    !(source instanceof URL) &&
    typeof (source as { url?: unknown }).url === 'function'
  );
}

/** How a getter's URL is named where its own URL cannot be shown: the token travels in it. */
export const URL_GETTER_NAME = 'the url getter';

/** A getter's value checked and made the URL an attempt opens, or why it cannot be. */
export type ResolveUrl = (
  value: unknown,
  context: AttemptContext,
) => { ok: true; url: string } | { ok: false; error: TidingsError };

/**
 * Any valid URL, relative ones too (the page resolves them), used as it is: what every transport
 * but WebSocket (which resolves to ws:/wss:) takes from a getter.
 */
export const anyUrl: ResolveUrl = (value) => {
  const invalid = checkUrl('url from the getter', value);
  return invalid ? { ok: false, error: invalid } : { ok: true, url: String(value) };
};

/**
 * A driver whose URL the app's getter gives on every attempt: the getter is awaited, checked by
 * `resolve` (passed in, so a transport bundles only its own check), then the transport's own driver (`driverAt`) runs the attempt at that URL. Errors of
 * the attempt name the URL without its query, where the token travels. `extras` forwards a
 * transport's own verbs to the inner attempt once it exists (a no-op before).
 */
export function urlGetterDriver<A extends Attempt>(
  getter: UrlGetter,
  resolve: ResolveUrl,
  driverAt: (url: string) => Driver<A>,
  extras: (inner: () => A | undefined) => Omit<A, keyof Attempt> = () =>
    ({}) as Omit<A, keyof Attempt>,
): Driver<A> {
  return {
    start(context) {
      let closed = false;
      let inner: A | undefined;
      credentialsOf('url', getter).then(
        (value) => {
          if (closed) return;
          const resolved = resolve(value, context);
          if (!resolved.ok) {
            context.fail(resolved.error);
            return;
          }
          inner = driverAt(resolved.url).start(hidingQuery(context, resolved.url));
        },
        (error: TidingsError) => {
          if (!closed) context.fail(error);
        },
      );
      return {
        ...extras(() => inner),
        raw: () => inner?.raw?.(),
        close() {
          closed = true;
          inner?.close();
        },
      } as A;
    },
  };
}

/** The context of an attempt at `url`, whose errors show `url`'s query as `…`. */
function hidingQuery(context: AttemptContext, url: string): AttemptContext {
  const start = url.indexOf('?');
  const query = start === -1 ? '' : url.slice(start + 1).split('#')[0];
  if (!query) return context;
  const hide = (error: TidingsError) => {
    // The message is built from the URL deep inside the transport: rewrite it once here.
    if (error.message.includes(query)) error.message = error.message.split(query).join('…');
    return error;
  };
  return {
    get cursor() {
      return context.cursor;
    },
    env: context.env,
    opened: () => context.opened(),
    frame: (frame) => context.frame(frame),
    setCursor: (cursor) => context.setCursor(cursor),
    reset: (cursor, reason) => context.reset(cursor, reason),
    fail: (error) => context.fail(hide(error)),
    report: (error) => context.report(hide(error)),
    setBaseDelay: (ms) => context.setBaseDelay(ms),
    end: () => context.end(),
  };
}
