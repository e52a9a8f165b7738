import type { Meta, StoryObj } from '@storybook/vue3-vite';
import { h, onScopeDispose, shallowRef } from 'vue';
import { createCrossTabDemo } from '../common/crossTabDemo';
import { storyNames } from '../common/storyNames';
import { storyTexts } from '../common/storyTexts';
import { ControlPanel } from './components/ControlPanel';
import { StatusPanel } from './components/StatusPanel';

const meta = {
  title: 'Composables/Cross-tab sharing',
  parameters: {
    controls: { disable: true },
    docs: {
      description: {
        component:
          'Any subscription composable takes `crossTab: crossTab()`: one tab holds the connection, the ' +
          'others receive its frames and keep their own state. See Docs/Cross-tab sharing.',
      },
    },
  },
} satisfies Meta;

export default meta;

/** Which tab leads, what the server counts, and a button that makes the leader let go. */
export const OpenInSeveralTabs: StoryObj = {
  name: 'Open this page in several tabs',
  render: () => ({
    setup() {
      const demo = createCrossTabDemo();
      const view = shallowRef(demo.view());
      onScopeDispose(demo.subscribe(() => (view.value = demo.view())));
      const row = (label: string, testid: string, value: string) => [
        h('dt', label),
        h('dd', { 'data-testid': testid }, value),
      ];
      return () => {
        const { state } = view.value;
        return h('section', { class: 'tid-story', 'data-story': storyNames.crossTab }, [
          h('h2', storyTexts.crossTab.title),
          h('p', { class: 'tid-lead' }, storyTexts.crossTab.lead),
          view.value.supported
            ? null
            : h(
                'p',
                { class: 'tid-error' },
                'This browser lacks Web Locks or BroadcastChannel: each tab connects on its own.',
              ),
          h('div', { class: 'tid-card' }, [
            h('dl', { class: 'tid-status', 'aria-label': 'Cross-tab sharing' }, [
              ...row('this tab', 'crosstab-role', view.value.leading ? 'leads' : 'follows'),
              ...row('tab id', 'crosstab-tab', view.value.tab),
              ...row('leader', 'crosstab-leader', view.value.leader),
              ...row(
                'SSE connections at the server',
                'crosstab-connections',
                String(view.value.connections ?? ''),
              ),
            ]),
            h('div', { class: 'tid-row' }, [
              h(
                'button',
                { type: 'button', class: 'tid-button', onClick: demo.closeLeader },
                'Close the leader',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'tid-button',
                  onClick: demo.rejoin,
                  disabled: state.status !== 'closed',
                },
                'Rejoin',
              ),
            ]),
          ]),
          h(StatusPanel, {
            status: state.status,
            attempt: state.attempt,
            cursor: state.cursor,
            received: state.received,
            error: state.error,
          }),
          h(ControlPanel),
        ]);
      };
    },
  }),
};
