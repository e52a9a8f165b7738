import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAuthTokens } from './auth';
import { HttpError } from './errors';
import { parseFaults } from './faults';
import { parseHostileNetwork } from './hostileNetwork';
import { readJson, sendJson } from './http';
import { parsePublish } from './publishInput';
import type { MockServer } from './types';

type Controls = Pick<
  MockServer<boolean>,
  'publish' | 'drop' | 'stats' | 'setFaults' | 'setNetwork' | 'setAuthTokens' | 'reset'
> & {
  faults(): object;
  network(): object;
};

type Handler = (body: () => Promise<unknown>) => Promise<[number, unknown]>;

/** `/control/*`: how stories and tests drive the server, never through internals. */
function handlers(controls: Controls): Record<string, Record<string, Handler>> {
  return {
    '/control/publish': {
      POST: async (body) => [201, await controls.publish(parsePublish(await body()))],
    },
    '/control/drop': {
      POST: async () => {
        controls.drop();
        return [200, { ok: true }];
      },
    },
    '/control/faults': {
      POST: async (body) => {
        controls.setFaults(parseFaults(await body()));
        return [200, controls.faults()];
      },
      GET: async () => [200, controls.faults()],
    },
    '/control/network': {
      POST: async (body) => {
        controls.setNetwork(parseHostileNetwork(await body()));
        return [200, controls.network()];
      },
      GET: async () => [200, controls.network()],
    },
    '/control/auth': {
      POST: async (body) => {
        controls.setAuthTokens(parseAuthTokens(await body()));
        return [200, { ok: true }];
      },
    },
    '/control/reset': {
      POST: async () => {
        await controls.reset();
        return [200, { ok: true }];
      },
    },
    '/control/stats': { GET: async () => [200, controls.stats()] },
  };
}

export function createControl(controls: Controls, maxMessageBytes: number) {
  const routes = handlers(controls);
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const route = routes[url.pathname];
    if (!route) {
      const known = Object.keys(routes).join(', ');
      throw new HttpError(404, `unknown control route ${url.pathname} (known: ${known})`);
    }
    const handler = route[req.method ?? ''];
    if (!handler) {
      const allowed = Object.keys(route).join(', ');
      throw new HttpError(405, `${url.pathname} accepts ${allowed}, not ${req.method}`);
    }
    // Every POST body is read (and its type checked) even where the handler needs none, so that
    // a form or text/plain POST is refused (415) before it can drop, reset or publish anything.
    const body =
      req.method === 'POST'
        ? await readJson(req, maxMessageBytes, { requireJsonType: true })
        : undefined;
    const [status, answer] = await handler(async () => body);
    sendJson(res, status, answer);
  };
}
