import type { Preview } from '@storybook/react-vite';
import '../../shared/story.css';
import '../../shared/docs.css';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    options: {
      storySort: {
        order: [
          'Docs',
          ['Introduction', 'Choosing a transport', 'Reliability'],
          'Components',
          'Hooks',
        ],
      },
    },
  },
};

export default preview;
