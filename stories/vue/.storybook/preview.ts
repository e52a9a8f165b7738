import type { Preview } from '@storybook/vue3-vite';
import '../../common/story.css';
import '../../common/docs.css';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    options: { storySort: { order: ['Components', 'Composables'] } },
  },
};

export default preview;
