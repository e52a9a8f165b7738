import { defineComponent, h, type PropType, shallowRef } from 'vue';
import { type ControlAction, controls, type PublishInput, publish } from '../../shared/control';
import { styles } from './styles';

const BUTTONS: { action: ControlAction; text: string; title: string }[] = [
  {
    action: 'publish',
    text: 'Publish',
    title: 'POST /control/publish: one message to every transport',
  },
  {
    action: 'drop',
    text: 'Drop connections',
    title: 'POST /control/drop: cut every live connection',
  },
  { action: 'latency', text: 'Add latency', title: 'Every answer waits 1500 ms' },
  { action: 'fail', text: 'Fail half', title: 'Half the requests answer 503' },
  { action: 'reset', text: 'Reset', title: 'POST /control/reset: clear the faults' },
];

/**
 * Buttons that drive the mock server through `/control` (same origin): publish, drop every
 * connection, add latency, fail half the requests, reset. `publish` chooses what the Publish
 * button sends (a realistic notification unless given), so a chat or moderation story publishes
 * a message its own log shows.
 */
export const ControlPanel = defineComponent({
  name: 'ControlPanel',
  props: {
    publish: { type: Function as PropType<() => PublishInput>, default: undefined },
  },
  setup(props) {
    const result = shallowRef('');
    async function run(action: ControlAction): Promise<void> {
      try {
        const answer =
          action === 'publish' && props.publish
            ? await publish(props.publish())
            : await controls[action]();
        result.value = `${action}: ${JSON.stringify(answer)}`;
      } catch (error) {
        result.value = `${action} failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return () =>
      h('div', { role: 'group', 'aria-label': 'Mock server controls', style: styles.panel }, [
        h(
          'div',
          { style: styles.buttons },
          BUTTONS.map(({ action, text, title }) =>
            h(
              'button',
              {
                type: 'button',
                'data-testid': `control-${action}`,
                title,
                onClick: () => run(action),
              },
              text,
            ),
          ),
        ),
        h('output', { 'data-testid': 'control-result', style: styles.result }, result.value),
      ]);
  },
});
