import { defineConfig } from 'tsdown';
import { libraryBuild } from '../../tsdown.base';

export default defineConfig(libraryBuild(['src/index.ts', 'src/mqtt.ts', 'src/socketIO.ts']));
