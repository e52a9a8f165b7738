import type { Preview } from '@storybook/react-vite';
import '../../common/story.css';
import '../../common/docs.css';

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
