import type { StorybookConfig } from '@storybook/react-vite';
import { withTidings } from '../../shared/viteDefaults';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../docs/*.mdx', '../**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs'],
  // The Vue Storybook is composed in: in dev from its own server, in the static build from the
  // `vue/` folder beside this one (same origin, so no CORS is needed).
  refs: (_config, { configType }) => ({
    vue: {
      title: 'Vue',
      url: configType === 'DEVELOPMENT' ? 'http://localhost:6007' : './vue',
      expanded: false,
    },
  }),
  core: { disableTelemetry: true },
  viteFinal: (vite) => withTidings(vite),
};

export default config;
