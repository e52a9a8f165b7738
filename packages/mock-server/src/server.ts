import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Access } from './access';
import { parseAuthTokens, TokenCheck } from './auth';
import type { Route, ServerContext } from './context';
import { createControl } from './control';
import { startDemo } from './demo';
import { HttpError } from './errors';
import { type Failure, FaultInjector, parseFaults } from './faults';
import { HostileNetworkSimulator } from './hostileNetwork';
import { setCors } from './http';
import { resolveLimits } from './limits';
import { Live } from './live';
import { openLog } from './log/openLog';
import { createMqttEndpoint } from './mqtt';
import { parsePublish } from './publishInput';
import { failResponse, injectFault, rejectUpgrade } from './reject';
import { requestUrl } from './requestUrl';
import { chat } from './routes/chat';
import { iframe, refuseIframe } from './routes/iframe';
import { longPoll } from './routes/longPoll';
import { poll } from './routes/poll';
import { sse } from './routes/sse';
import { resolveStaticRoot, serveStatic } from './routes/static';
import { createSocketIoEndpoint, eventOf } from './socketio';
import { Stats } from './stats';
import type {
  MockMessage,
  MockServer,
  MockServerOptions,
  SharedLogOptions,
  TransportName,
} from './types';
import type { UpgradeEndpoint } from './upgrade';
import { createWsEndpoint } from './ws';

const ROUTES: Record<string, { method: string; transport: TransportName; route: Route }> = {
  '/api/notifications': { method: 'GET', transport: 'poll', route: poll },
  '/api/long-poll': { method: 'GET', transport: 'longPoll', route: longPoll },
  '/api/sse': { method: 'GET', transport: 'sse', route: sse },
  '/api/chat': { method: 'POST', transport: 'chat', route: chat },
  '/iframe/stream': { method: 'GET', transport: 'iframe', route: iframe },
};

const isSocketIo = (pathname: string) => pathname.startsWith('/socket.io/');

/**
 * Starts one server speaking every transport over one shared message log.
 *
 * @example
 * const server = await startMockServer({ port: 0 });
 * server.publish({ type: 'notification', data: { title: 'Hi' } });
 * await server.close();
 */
export async function startMockServer(options: SharedLogOptions): Promise<MockServer<true>>;
export async function startMockServer(options?: MockServerOptions): Promise<MockServer>;
export async function startMockServer(
  options: MockServerOptions & Partial<SharedLogOptions> = {},
): Promise<MockServer<boolean>> {
  const { port = 4000, host = '127.0.0.1', demoInterval } = options;
  // Checked before anything listens: a typo in --static is a startup error, not a site of 404s.
  const staticRoot =
    options.staticDir === undefined ? undefined : await resolveStaticRoot(options.staticDir);
  const stats = new Stats();
  const { log, socketIoCluster, mqttPositions } = await openLog(options, eventOf);
  const network = new HostileNetworkSimulator(options.network);
  const ctx: ServerContext = {
    log,
    stats,
    live: new Live(stats, () => network.cutAfter),
    faults: new FaultInjector(),
    network,
    heartbeatMs: options.heartbeatMs ?? 5_000,
    socketIoPing: {
      interval: options.socketIoPing?.interval ?? 25_000,
      timeout: options.socketIoPing?.timeout ?? 20_000,
    },
    tokenDelayMs: options.tokenDelayMs ?? 40,
    limits: resolveLimits(options),
    access: new Access(host, options.allowOrigins),
    auth: new TokenCheck(options.authTokens),
  };
  const ws = createWsEndpoint(ctx);
  const mqtt = await createMqttEndpoint(ctx, mqttPositions);
  const socketIo = createSocketIoEndpoint(ctx, socketIoCluster);
  const upgrades: Record<string, [TransportName, UpgradeEndpoint]> = {
    '/ws': ['ws', ws],
    '/mqtt': ['mqtt', mqtt],
  };

  const api: Omit<MockServer<boolean>, 'url' | 'port' | 'close'> = {
    publish: (input) => ctx.log.append(parsePublish(input)),
    drop: () => ctx.live.dropAll(),
    stats: () => stats.snapshot(ctx.log.size, mqtt.sessions.size),
    setFaults: (faults) => ctx.faults.set(parseFaults(faults)),
    setNetwork: (settings) => network.set(settings),
    setAuthTokens: (tokens) => {
      // Checked as `POST /control/auth` checks it: a string would be a set of its characters.
      ctx.auth.set(parseAuthTokens({ tokens }));
      // As a server whose sessions are bound to their token: one that expired ends its connection.
      ctx.live.dropWhere((token) => !ctx.auth.accepts(token));
    },
    reset: () => {
      const cleared = ctx.log.reset();
      ctx.faults.set({});
      network.set({});
      stats.reset();
      void mqtt.sessions.forgetOffline();
      return cleared;
    },
  };
  const control = createControl(
    { ...api, faults: () => ctx.faults.current, network: () => network.current },
    ctx.limits.maxMessageBytes,
  );

  /**
   * What every request and upgrade goes through before its route: the shared log catching up,
   * the hostile network's latency, then the fault gate, whose failure (if any) it returns.
   */
  async function admit(transport: TransportName): Promise<Failure | undefined> {
    // A shared log: a cursor another node issued must be one this node has read.
    if (ctx.log.caughtUp) await ctx.log.caughtUp();
    await network.delay(transport);
    return ctx.faults.gate();
  }

  /**
   * Applies latency and maybe fails the request; true when the request needs no route: the fault
   * answered it, or the client left during the latency (a route started now would subscribe and
   * count a connection whose 'close' already fired, and leak both).
   */
  async function faulted(transport: TransportName, res: ServerResponse): Promise<boolean> {
    const failure = await admit(transport);
    if (res.closed || res.destroyed) return true;
    if (failure) injectFault(res, failure);
    return failure !== undefined;
  }

  /** Never rejects: whatever a request holds, it is answered (or cut), never thrown. */
  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    try {
      const url = requestUrl(req);
      const { pathname } = url;
      setCors(req, res, ctx.access.check(req));
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (pathname === '/control' || pathname.startsWith('/control/')) {
        await control(req, res, url);
      } else if (isSocketIo(pathname)) {
        stats.request('socketio');
        if (!(await faulted('socketio', res))) socketIo.request(req, res);
      } else if (ROUTES[pathname]) {
        const { method, transport, route } = ROUTES[pathname];
        if (req.method !== method) {
          throw new HttpError(405, `${pathname} accepts ${method}, not ${req.method}`);
        }
        stats.request(transport);
        if (transport === 'iframe' && !ctx.auth.acceptsRequest(req, url)) {
          refuseIframe(res, url, ctx.auth.reason);
          return;
        }
        ctx.auth.checkRequest(req, url);
        if (!(await faulted(transport, res))) {
          network.shape(transport, res);
          await route(req, res, url, ctx);
        }
      } else if (staticRoot !== undefined) {
        await serveStatic(staticRoot, req, res, url);
      } else {
        throw new HttpError(404, `no endpoint at ${pathname}`);
      }
    } catch (error) {
      failResponse(res, error);
    }
  }

  /** Never rejects: a bad upgrade is refused on its socket, never thrown. */
  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    // Errors on a raw upgrade socket (client reset) would otherwise be unhandled and crash us.
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(req);
      // Browsers send Origin on every WebSocket handshake, and no CORS protects a WebSocket.
      ctx.access.check(req);
      const target: [TransportName, UpgradeEndpoint] | undefined = isSocketIo(url.pathname)
        ? ['socketio', socketIo]
        : upgrades[url.pathname];
      if (!target) {
        rejectUpgrade(socket, new HttpError(404, `no WebSocket endpoint at ${url.pathname}`));
        return;
      }
      const [transport, endpoint] = target;
      stats.request(transport);
      if (network.refusesUpgrades) {
        rejectUpgrade(
          socket,
          new HttpError(403, 'WebSocket upgrades are refused (hostile network)'),
        );
        return;
      }
      const failure = await admit(transport);
      if (failure) {
        const error = new HttpError(failure.status, `injected fault: HTTP ${failure.status}`);
        rejectUpgrade(socket, error, failure.retryAfter);
      } else if (!socket.destroyed) {
        endpoint.upgrade(req, socket, head, url);
      }
    } catch (error) {
      rejectUpgrade(socket, error);
    }
  }

  const server = createServer({ noDelay: true }, onRequest);
  server.on('upgrade', onUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error) => {
    await Promise.all([ws.close(), mqtt.close(), socketIo.close()]);
    await ctx.log.close?.();
    throw error;
  });

  const address = server.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${realPort}`;
  const publishDemo = (input: Parameters<typeof api.publish>[0]) => {
    const appended: MockMessage | Promise<MockMessage> = api.publish(input);
    if (appended instanceof Promise) {
      appended.catch((error) =>
        console.error('tidings-mock: a demo message was not logged', error),
      );
    }
  };
  const stopDemo = demoInterval ? startDemo(publishDemo, demoInterval) : () => {};
  if (options.log) {
    console.log(
      `tidings-mock listening on ${url} (SSE /api/sse, WS /ws, MQTT /mqtt, Socket.IO /socket.io/, control /control/*)`,
    );
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      stopDemo();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([ws.close(), mqtt.close(), socketIo.close()]);
      ctx.live.dropAll();
      // Idle keep-alive sockets would hold `server.close()` open for seconds.
      server.closeAllConnections();
      await closed;
      await ctx.log.close?.();
    })();
    return closing;
  };

  return { ...api, url, port: realPort, close };
}
