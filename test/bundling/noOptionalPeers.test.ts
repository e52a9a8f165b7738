import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLERS } from './bundlers';
import {
  createAppProject,
  FRAMEWORKS,
  installedPackages,
  OPTIONAL_PEERS,
  type PublicEntry,
  publicEntries,
  writeEntryFiles,
} from './tempProject';

/**
 * Every public entry, bundled as an app would, by each bundler, in a project that has none of the
 * optional peers (mqtt, socket.io-client, event-source-polyfill) installed: "install only what you
 * use" must hold for bundlers, which resolve every import, dynamic ones included, at build time.
 */
describe('bundling the published entries with no optional peer installed', () => {
  let app: Awaited<ReturnType<typeof createAppProject>>;
  let entries: PublicEntry[];
  let withoutPeers: Record<string, string>;
  let withPeers: Record<string, string>;

  beforeAll(async () => {
    app = await createAppProject();
    entries = await publicEntries();
    withoutPeers = await writeEntryFiles(
      app.dir,
      entries.filter((entry) => !entry.peer),
    );
    withPeers = await writeEntryFiles(
      app.dir,
      entries.filter((entry) => entry.peer),
    );
  }, 120_000);

  afterAll(() => app?.dispose());

  it('the app folder really lacks the peers, and the peer entries are the only ones needing them', async () => {
    const installed = await installedPackages(app.dir);
    for (const peer of OPTIONAL_PEERS) expect(installed).not.toContain(peer);
    // Without its peer marked as provided, an entry that exists for it cannot bundle: the check
    // below would catch a root entry that still referenced one.
    await expect(
      BUNDLERS.esbuild!({ dir: app.dir, entries: withPeers, external: FRAMEWORKS }),
    ).rejects.toThrow(/mqtt|socket\.io-client|event-source-polyfill/);
    expect(entries.map((entry) => entry.specifier)).toEqual(
      expect.arrayContaining([
        '@tidings/core',
        '@tidings/core/transport',
        '@tidings/core/binding',
        '@tidings/core/mqtt',
        '@tidings/core/socket-io',
        '@tidings/core/sse-polyfill',
        '@tidings/core/devtools',
        '@tidings/react',
        '@tidings/react/mqtt',
        '@tidings/react/socket-io',
        '@tidings/vue',
        '@tidings/vue/mqtt',
        '@tidings/vue/socket-io',
        '@tidings/react-query',
        '@tidings/vue-query',
        '@tidings/devtools',
        '@tidings/devtools/react',
        '@tidings/devtools/vue',
      ]),
    );
  });

  for (const [name, bundle] of Object.entries(BUNDLERS)) {
    it(`${name}: every entry without a peer bundles with only the frameworks external`, async () => {
      await expect(
        bundle({ dir: app.dir, entries: withoutPeers, external: FRAMEWORKS }),
      ).resolves.toBeUndefined();
    }, 120_000);

    it(`${name}: each peer entry bundles once the app provides that peer`, async () => {
      await expect(
        bundle({ dir: app.dir, entries: withPeers, external: [...FRAMEWORKS, ...OPTIONAL_PEERS] }),
      ).resolves.toBeUndefined();
    }, 120_000);
  }
});
