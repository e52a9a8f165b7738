import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { browserDefines, optionalTransportPeers } from './buildPages';
import externals from './externals.json' with { type: 'json' };

/** One import a user writes, bundled alone. */
export interface BundleEntry {
  label: string;
  group: 'tidings React' | 'tidings Vue' | 'tidings query' | 'peer';
  source: string;
}

const named = (names: string[], from: string, group: BundleEntry['group']): BundleEntry[] =>
  names.map((name) => ({
    label: `${name} (${from})`,
    group,
    source: `export { ${name} } from '${from}';`,
  }));

const HOOKS = [
  'useWebSocket',
  'useSSE',
  'useSSEStream',
  'usePolling',
  'useLongPoll',
  'useIframeStream',
  'useRealtime',
  'useChannel',
];

/** The hooks whose transports load optional peers live on entries of their own. */
const hooksOnSubpaths = (from: string, group: BundleEntry['group']): BundleEntry[] => [
  ...named(['useMqtt'], `${from}/mqtt`, group),
  ...named(['useSocketIO'], `${from}/socket-io`, group),
];

export const BUNDLE_ENTRIES: BundleEntry[] = [
  ...named([...HOOKS, 'NotificationBadge', 'TidingsProvider'], '@tidings/react', 'tidings React'),
  ...hooksOnSubpaths('@tidings/react', 'tidings React'),
  ...named([...HOOKS, 'NotificationBadge', 'tidings'], '@tidings/vue', 'tidings Vue'),
  ...hooksOnSubpaths('@tidings/vue', 'tidings Vue'),
  ...named(['useLiveQuery', 'useQueryUpdater'], '@tidings/react-query', 'tidings query'),
  ...named(['useLiveQuery', 'useQueryUpdater'], '@tidings/vue-query', 'tidings query'),
  {
    label: 'useWebSocket (react-use-websocket)',
    group: 'peer',
    source: `export { default } from 'react-use-websocket';`,
  },
  ...named(['useWebSocket'], '@vueuse/core', 'peer'),
  ...named(['useWebSocket'], 'ahooks', 'peer'),
  ...named(['fetchEventSource'], '@microsoft/fetch-event-source', 'peer'),
];

/** Frameworks are the app's, not the hook's; optional transport peers load only when used. */
export const BUNDLE_EXTERNALS = [...externals.frameworks, ...optionalTransportPeers];

export interface BundleSize {
  label: string;
  group: BundleEntry['group'];
  minBytes: number;
  gzipBytes: number;
}

/** `esbuild --bundle --minify` of one import, framework external, then gzip -9. */
export async function bundleSize(entry: BundleEntry): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: entry.source, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@tidings/source', 'module'],
    define: browserDefines,
    external: BUNDLE_EXTERNALS,
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    label: entry.label,
    group: entry.group,
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
  };
}

export function bundleSizes(): Promise<BundleSize[]> {
  return Promise.all(BUNDLE_ENTRIES.map(bundleSize));
}
