import type { StorybookConfig } from '@storybook/vue3-vite';
import vue from '@vitejs/plugin-vue';
import { withTidings } from '../../common/viteDefaults';

const config: StorybookConfig = {
  framework: {
    name: '@storybook/vue3-vite',
    // No docgen: vue-docgen-api (the default) is deprecated and vue-component-meta nearly
    // triples the build (12 s -> 33 s); NotificationBadge's stories declare every prop's argTypes.
    options: { docgen: false },
  },
  // The docs pages live in the React Storybook, which composes this one.
  stories: ['../**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  // The React Storybook composes this one, and Storybook's ref loader fetches `stories.json` (the
  // pre-7 index) and `metadata.json` (versions) of every ref besides `index.json`, logging a 404
  // for each that is missing. Both are served empty: the index is index.json, there are no versions.
  staticDirs: ['./composition'],
  core: { disableTelemetry: true },
  // This config's own viteFinal runs after the framework's, so plugin-vue is added here and no
  // vite.config.ts is needed (the stories are `defineComponent` + `h`, no SFCs, but keep SFCs working).
  viteFinal: (vite) => {
    const tidings = withTidings({ ...vite, plugins: [...(vite.plugins ?? []), vue()] });
    // The React Storybook on :6006 composes this one (`refs`): its manager fetches index.json
    // (Storybook sends CORS headers for it) and the preview's assets from this server.
    return { ...tidings, server: { ...tidings.server, cors: { origin: true, credentials: true } } };
  },
};

export default config;
