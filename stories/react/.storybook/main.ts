import type { StorybookConfig } from '@storybook/react-vite';
import { withTidings } from '../../common/viteDefaults';

/** The composed Vue Storybook's ref id; its stories' manager paths read `/story/vue_<id>`. */
const VUE_REF = 'vue';

/**
 * On a deep link to a composed story (`/?path=/story/vue_composables-usesse--badge`) the manager
 * still loads this Storybook's own preview with that story's id, which it does not have, so the
 * preview logged NoStoryMatchError. Runs before the preview: it drops the id in that case, and the
 * hidden local preview waits for a selection instead (the ref's own preview shows the story).
 */
const skipComposedStory = `<script>
try {
  const path = new URLSearchParams(window.parent.location.search).get('path') || '';
  const composed = ${JSON.stringify([VUE_REF])}.some((ref) =>
    ['/story/', '/docs/'].some((kind) => path.startsWith(kind + ref + '_')),
  );
  if (composed && window.parent !== window) {
    const url = new URL(location.href);
    url.searchParams.delete('id');
    history.replaceState(history.state, '', url);
  }
} catch {
  // Not inside the manager (or another origin): nothing to skip.
}
</script>`;

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../docs/**/*.mdx', '../**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs'],
  // The Vue Storybook is composed in: in dev from its own server, in the static build from the
  // `vue/` folder beside this one (same origin, so no CORS is needed).
  refs: (_config, { configType }) => ({
    [VUE_REF]: {
      title: 'Vue',
      url: configType === 'DEVELOPMENT' ? 'http://localhost:6007' : './vue',
      expanded: false,
    },
  }),
  previewHead: (head) => `${head}${skipComposedStory}`,
  core: { disableTelemetry: true },
  viteFinal: (vite) => withTidings(vite),
};

export default config;
