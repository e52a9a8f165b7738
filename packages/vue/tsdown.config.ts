import { defineConfig } from 'tsdown';
import { libraryBuild, vuePeersNeverBundled } from '../../tsdown.base';

export default defineConfig(
  libraryBuild(['src/index.ts', 'src/mqtt.ts', 'src/socketIO.ts'], vuePeersNeverBundled),
);
