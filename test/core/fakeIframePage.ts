import type { TidingsEnv } from '@tidings/core';

/** Just enough of an `<iframe>` for the iframe stream: src, attributes, events, its own window. */
export class FakeIframe extends EventTarget {
  src = '';
  title = '';
  style = { cssText: '' };
  readonly attributes = new Map<string, string>();
  /** A distinct object per frame, as `event.source` identifies the posting frame. */
  readonly contentWindow = {};
  parentNode: { removeChild(node: unknown): unknown } | null = null;
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
}

/** A page at `origin` (in Node, no DOM) whose iframes the test can see and post from. */
export function fakeIframePage(origin: string) {
  const window = Object.assign(new EventTarget(), { location: { origin, href: `${origin}/` } });
  const frames = new Set<FakeIframe>();
  const body = {
    appendChild(node: FakeIframe) {
      frames.add(node);
      node.parentNode = body;
    },
    removeChild(node: FakeIframe) {
      frames.delete(node);
      node.parentNode = null;
    },
  };
  const document = Object.assign(new EventTarget(), {
    hidden: false,
    baseURI: `${origin}/`,
    body,
    createElement: () => new FakeIframe(),
  });
  return {
    origin,
    env: { window, document, navigator: { onLine: true } } as unknown as Partial<TidingsEnv>,
    /** Iframes currently in the page. */
    frames,
    get current(): FakeIframe {
      const frame = [...frames].at(-1);
      if (!frame) throw new Error('no iframe in the page');
      return frame;
    },
    /** What a `parent.postMessage(data, ...)` from `frame`'s document looks like to the page. */
    post(data: unknown, from: string, frame: FakeIframe) {
      const event = Object.assign(new Event('message'), {
        data,
        origin: from,
        source: frame.contentWindow,
      });
      window.dispatchEvent(event);
    },
  };
}
