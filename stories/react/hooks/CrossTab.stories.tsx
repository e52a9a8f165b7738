import type { Meta, StoryObj } from '@storybook/react-vite';
import { useMemo, useSyncExternalStore } from 'react';
import { createCrossTabDemo } from '../../common/crossTabDemo';
import { storyNames } from '../../common/storyNames';
import { storyTexts } from '../../common/storyTexts';
import { ControlPanel } from '../components/ControlPanel';
import { LiveStory } from '../components/LiveStory';
import { StatusPanel } from '../components/StatusPanel';

/** Which tab leads, what the server counts, and a button that makes the leader let go. */
function CrossTabStory() {
  const demo = useMemo(() => createCrossTabDemo(), []);
  const view = useSyncExternalStore(demo.subscribe, demo.view, demo.view);
  return (
    <LiveStory
      name={storyNames.crossTab}
      title={storyTexts.crossTab.title}
      lead={storyTexts.crossTab.lead}
    >
      {!view.supported && (
        <p className="tid-error">
          This browser lacks Web Locks or BroadcastChannel: each tab connects on its own.
        </p>
      )}
      <div className="tid-card">
        <dl className="tid-status" aria-label="Cross-tab sharing">
          <dt>this tab</dt>
          <dd data-testid="crosstab-role">{view.leading ? 'leads' : 'follows'}</dd>
          <dt>tab id</dt>
          <dd data-testid="crosstab-tab">{view.tab}</dd>
          <dt>leader</dt>
          <dd data-testid="crosstab-leader">{view.leader}</dd>
          <dt>SSE connections at the server</dt>
          <dd data-testid="crosstab-connections">{view.connections ?? ''}</dd>
        </dl>
        <div className="tid-row">
          <button type="button" className="tid-button" onClick={demo.closeLeader}>
            Close the leader
          </button>
          <button
            type="button"
            className="tid-button"
            onClick={demo.rejoin}
            disabled={view.state.status !== 'closed'}
          >
            Rejoin
          </button>
        </div>
      </div>
      <StatusPanel state={view.state} />
      <ControlPanel />
    </LiveStory>
  );
}

const meta: Meta<typeof CrossTabStory> = {
  title: 'Hooks/Cross-tab sharing',
  component: CrossTabStory,
  parameters: {
    controls: { disable: true },
    docs: {
      description: {
        component:
          'Any subscription hook takes `crossTab: crossTab()`: one tab holds the connection, the ' +
          'others receive its frames and keep their own state. See Docs/Cross-tab sharing.',
      },
    },
  },
};

export default meta;

export const OpenInSeveralTabs: StoryObj<typeof CrossTabStory> = {
  name: 'Open this page in several tabs',
};
