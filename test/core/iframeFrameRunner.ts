import { runInNewContext } from 'node:vm';
import type { FakeIframe, fakeIframePage } from './fakeIframePage';

type FakePage = ReturnType<typeof fakeIframePage>;

interface FakeBody {
  appendChild(node: FakeIframe): void;
  removeChild(node: FakeIframe): void;
}

/**
 * Needs a DOMParser (`@vitest-environment jsdom`). Stands in for the browser under a fake page: every iframe the page inserts loads its `src` from
 * the server, and each script of the streamed document runs as it arrives (the mock server writes
 * one per line), its `parent.postMessage(data, targetOrigin)` reaching the page from
 * `streamOrigin` when `targetOrigin` is the page's, as a browser would deliver it. When the
 * document ends the frame fires `load`; a frame taken out of the page stops loading.
 */
export function runFrames(page: FakePage, streamOrigin: string): void {
  const body = (page.env.document as unknown as { body: FakeBody }).body;
  const append = body.appendChild.bind(body);
  const remove = body.removeChild.bind(body);
  const loads = new Map<FakeIframe, AbortController>();
  body.appendChild = (frame) => {
    append(frame);
    const controller = new AbortController();
    loads.set(frame, controller);
    load(frame, controller.signal).catch(() => undefined);
  };
  body.removeChild = (frame) => {
    loads.get(frame)?.abort();
    loads.delete(frame);
    remove(frame);
  };

  async function load(frame: FakeIframe, signal: AbortSignal) {
    const response = await fetch(frame.src, { signal });
    const reader = response.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    let pending = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      pending += decoder.decode(chunk.value, { stream: true });
      let end = pending.indexOf('\n');
      while (end !== -1) {
        runScripts(frame, pending.slice(0, end));
        pending = pending.slice(end + 1);
        end = pending.indexOf('\n');
      }
    }
    runScripts(frame, pending);
    if (!signal.aborted) frame.dispatchEvent(new Event('load'));
  }

  function runScripts(frame: FakeIframe, html: string) {
    // The DOM's HTML parser (jsdom's, in the test environment) finds the scripts; each runs with a
    // `parent` that is the fake page.
    const scripts = new DOMParser().parseFromString(html, 'text/html').querySelectorAll('script');
    for (const script of scripts) {
      const parent = {
        postMessage(data: unknown, targetOrigin: string) {
          if (targetOrigin === page.origin || targetOrigin === '*') {
            page.post(data, streamOrigin, frame);
          }
        },
      };
      runInNewContext(script.textContent ?? '', { parent });
    }
  }
}
