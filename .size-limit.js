// Size budgets per public hook and component, checked by CI with `pnpm size` on the built
// packages. Frameworks and the optional peers are the app's, so they are left out; the bundle is
// built for production (NODE_ENV), as an app ships it, so development-only warnings do not count.
const external = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'vue',
  '@tanstack/react-query',
  '@tanstack/vue-query',
  'mqtt',
  'socket.io-client',
  'event-source-polyfill',
];

/** @param {import('esbuild').BuildOptions} config */
function production(config) {
  config.define = { ...config.define, 'process.env.NODE_ENV': '"production"' };
  return config;
}

const check = (name, path, name_, limit) => ({
  name,
  path,
  import: `{ ${name_} }`,
  ignore: external,
  gzip: true,
  limit,
  modifyEsbuildConfig: production,
});

export default [
  check('React useWebSocket', 'packages/react/dist/index.js', 'useWebSocket', '9000 B'),
  check('React useSSE', 'packages/react/dist/index.js', 'useSSE', '10700 B'),
  check('React usePolling', 'packages/react/dist/index.js', 'usePolling', '6800 B'),
  check('React useLongPoll', 'packages/react/dist/index.js', 'useLongPoll', '7300 B'),
  check('React useIframeStream', 'packages/react/dist/index.js', 'useIframeStream', '7250 B'),
  check('React useChannel', 'packages/react/dist/index.js', 'useChannel', '1560 B'),
  check('React useMqtt', 'packages/react/dist/mqtt.js', 'useMqtt', '10200 B'),
  check('React useSocketIO', 'packages/react/dist/socketIO.js', 'useSocketIO', '9150 B'),
  check('React NotificationBadge', 'packages/react/dist/index.js', 'NotificationBadge', '1000 B'),
  check('Vue useWebSocket', 'packages/vue/dist/index.js', 'useWebSocket', '9100 B'),
  check('Vue useSSE', 'packages/vue/dist/index.js', 'useSSE', '10850 B'),
  check('Vue usePolling', 'packages/vue/dist/index.js', 'usePolling', '6850 B'),
  check('Vue useLongPoll', 'packages/vue/dist/index.js', 'useLongPoll', '7450 B'),
  check('Vue useIframeStream', 'packages/vue/dist/index.js', 'useIframeStream', '7350 B'),
  check('Vue useChannel', 'packages/vue/dist/index.js', 'useChannel', '1400 B'),
  check('Vue useMqtt', 'packages/vue/dist/mqtt.js', 'useMqtt', '10250 B'),
  check('Vue useSocketIO', 'packages/vue/dist/socketIO.js', 'useSocketIO', '9300 B'),
  check('Vue NotificationBadge', 'packages/vue/dist/index.js', 'NotificationBadge', '1000 B'),
  check(
    '@tidings/react-query useLiveQuery',
    'packages/react-query/dist/index.js',
    'useLiveQuery',
    '600 B',
  ),
  check(
    '@tidings/react-query useQueryUpdater',
    'packages/react-query/dist/index.js',
    'useQueryUpdater',
    '500 B',
  ),
  check(
    '@tidings/vue-query useLiveQuery',
    'packages/vue-query/dist/index.js',
    'useLiveQuery',
    '650 B',
  ),
  check(
    '@tidings/vue-query useQueryUpdater',
    'packages/vue-query/dist/index.js',
    'useQueryUpdater',
    '550 B',
  ),
];
