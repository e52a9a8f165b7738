// Size budgets per public hook and component, checked by CI with `pnpm size` on the built
// packages. Frameworks and the optional peers are the app's, so they are left out; the bundle is
// built for production (NODE_ENV), as an app ships it, so development-only warnings do not count.
// Budgets are the measured size plus about 3 %; the core README ("Bundle size") gives the figures
// and the targets they miss.
import { createRequire } from 'node:module';

// One list with the benchmark and the bundling test (bench/externals.json).
const { frameworks, optionalPeers } = createRequire(import.meta.url)('./bench/externals.json');
const external = [...frameworks, ...optionalPeers];

/** @param {import('esbuild').BuildOptions} config */
function production(config) {
  config.define = { ...config.define, 'process.env.NODE_ENV': '"production"' };
  return config;
}

const check = (name, path, exportName, limit) => ({
  name,
  path,
  import: `{ ${exportName} }`,
  ignore: external,
  gzip: true,
  limit,
  modifyEsbuildConfig: production,
});

export default [
  check('React useWebSocket', 'packages/react/dist/index.js', 'useWebSocket', '10100 B'),
  check('React useSSE', 'packages/react/dist/index.js', 'useSSE', '12000 B'),
  check('React useSSEStream', 'packages/react/dist/index.js', 'useSSEStream', '11800 B'),
  check('React usePolling', 'packages/react/dist/index.js', 'usePolling', '8150 B'),
  check('React useLongPoll', 'packages/react/dist/index.js', 'useLongPoll', '8500 B'),
  check('React useIframeStream', 'packages/react/dist/index.js', 'useIframeStream', '8500 B'),
  check('React useRealtime', 'packages/react/dist/index.js', 'useRealtime', '17500 B'),
  check('React useChannel', 'packages/react/dist/index.js', 'useChannel', '1600 B'),
  check('React useMqtt', 'packages/react/dist/mqtt.js', 'useMqtt', '11350 B'),
  check('React useSocketIO', 'packages/react/dist/socketIO.js', 'useSocketIO', '10250 B'),
  check('React NotificationBadge', 'packages/react/dist/index.js', 'NotificationBadge', '1000 B'),
  check('Vue useWebSocket', 'packages/vue/dist/index.js', 'useWebSocket', '10250 B'),
  check('Vue useSSE', 'packages/vue/dist/index.js', 'useSSE', '12200 B'),
  check('Vue useSSEStream', 'packages/vue/dist/index.js', 'useSSEStream', '11950 B'),
  check('Vue usePolling', 'packages/vue/dist/index.js', 'usePolling', '8350 B'),
  check('Vue useLongPoll', 'packages/vue/dist/index.js', 'useLongPoll', '8700 B'),
  check('Vue useIframeStream', 'packages/vue/dist/index.js', 'useIframeStream', '8650 B'),
  check('Vue useRealtime', 'packages/vue/dist/index.js', 'useRealtime', '17750 B'),
  check('Vue useChannel', 'packages/vue/dist/index.js', 'useChannel', '1950 B'),
  check('Vue useMqtt', 'packages/vue/dist/mqtt.js', 'useMqtt', '11550 B'),
  check('Vue useSocketIO', 'packages/vue/dist/socketIO.js', 'useSocketIO', '10450 B'),
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
  check(
    '@tidings/devtools TidingsDevtools (React)',
    'packages/devtools/dist/react.js',
    'TidingsDevtools',
    '4600 B',
  ),
  check(
    '@tidings/devtools TidingsDevtools (Vue)',
    'packages/devtools/dist/vue.js',
    'TidingsDevtools',
    '4650 B',
  ),
];
