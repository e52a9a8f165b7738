import type { IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Plugin, UserConfig } from 'vite';
import { defaultClientConditions } from 'vite';

/** Where the mock server listens while the Storybooks run in dev mode. */
const mockServer = process.env.TIDINGS_MOCK_URL ?? 'http://127.0.0.1:4000';

/**
 * Vite settings both Storybooks share: tidings from sources (no build needed), and every mock
 * server endpoint proxied so stories use same-origin relative URLs in dev, exactly as they do when
 * `tidings-mock --static` serves the built Storybook.
 */
export function withTidings(config: UserConfig): UserConfig {
  const proxied = ['/api', '/iframe', '/control'];
  const upgrades = ['/ws', '/mqtt', '/socket.io'];
  return {
    ...config,
    plugins: [...(config.plugins ?? []), upgradeProxy(upgrades)],
    resolve: {
      ...config.resolve,
      conditions: ['@tidings/source', ...defaultClientConditions],
    },
    server: {
      ...config.server,
      proxy: {
        ...Object.fromEntries(proxied.map((path) => [path, { target: mockServer }])),
        ...Object.fromEntries(upgrades.map((path) => [path, { target: mockServer, ws: true }])),
      },
    },
  };
}

/**
 * Storybook runs Vite in middleware mode, where `server.proxy` forwards HTTP but never WebSocket
 * upgrades (Vite attaches its upgrade handler only to a server it owns). So upgrades to the mock
 * server's paths are piped to it at the TCP level from Storybook's own HTTP server, which Vite
 * receives as `server.hmr.server`. Vite's HMR socket is on another path and is left alone.
 */
function upgradeProxy(paths: string[]): Plugin {
  const target = new URL(mockServer);
  return {
    name: 'tidings:upgrade-proxy',
    apply: 'serve',
    configureServer(server) {
      const hmr = server.config.server.hmr;
      const http = (typeof hmr === 'object' ? hmr.server : undefined) ?? server.httpServer;
      if (!http || server.httpServer) return; // Vite's own proxy handles upgrades on its server
      (http as Server).on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = request.url ?? '';
        if (
          !paths.some(
            (prefix) =>
              path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
          )
        ) {
          return;
        }
        const upstream = connect(Number(target.port || 80), target.hostname, () => {
          const headers = Object.entries(request.headersDistinct)
            .flatMap(([name, values]) => (values ?? []).map((value) => `${name}: ${value}`))
            .join('\r\n');
          upstream.write(`${request.method} ${path} HTTP/1.1\r\n${headers}\r\n\r\n`);
          if (head.length > 0) upstream.write(head);
          upstream.pipe(socket).pipe(upstream);
        });
        const close = () => {
          upstream.destroy();
          socket.destroy();
        };
        upstream.on('error', close);
        socket.on('error', close);
        upstream.on('close', close);
        socket.on('close', close);
      });
    },
  };
}
