import { defineConfig } from 'tsdown';
import { libraryBuild } from '../../tsdown.base';

export default defineConfig(
  libraryBuild([
    'src/index.ts',
    'src/transport.ts',
    'src/binding.ts',
    'src/mqtt.ts',
    'src/socketIO.ts',
    'src/ssePolyfill.ts',
    'src/devtools.ts',
    'src/crossTab.ts',
  ]),
);
