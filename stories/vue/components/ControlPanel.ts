import { defineComponent, h, onBeforeUnmount, onMounted, type PropType, shallowRef } from 'vue';
import {
  buttonClass,
  type ControlAction,
  controlButtons,
  controls,
  describeFaults,
  getFaults,
  type PublishInput,
  publish,
} from '../../common/control';

/**
 * The mock server's chaos controls, the same buttons as in the React Storybook
 * (`data-testid=control-*`), and the faults in force (`data-testid=faults`): they are server-wide
 * and outlive the story that set them, so the panel reads them when it opens and after every
 * button. `publish` chooses what Publish sends (a realistic notification unless given), so a chat
 * or moderation story publishes a message its own log shows.
 */
export const ControlPanel = defineComponent({
  name: 'ControlPanel',
  props: {
    publish: { type: Function as PropType<() => PublishInput>, default: undefined },
  },
  setup(props, { slots }) {
    const outcome = shallowRef('');
    const active = shallowRef('');
    const readFaults = () => {
      getFaults().then(
        (faults) => (active.value = describeFaults(faults)),
        () => (active.value = ''),
      );
    };
    onMounted(() => {
      readFaults();
      window.addEventListener('focus', readFaults);
    });
    onBeforeUnmount(() => window.removeEventListener('focus', readFaults));

    async function run(action: ControlAction): Promise<void> {
      try {
        const answer =
          action === 'publish' && props.publish
            ? await publish(props.publish())
            : await controls[action]();
        const id = action === 'publish' ? ` #${(answer as { id: string }).id}` : '';
        outcome.value = `${controlButtons[action].label}${id} ✓`;
        readFaults();
      } catch (error) {
        outcome.value = error instanceof Error ? error.message : String(error);
      }
    }
    return () =>
      h('div', { class: 'tid-card', role: 'group', 'aria-label': 'Mock server controls' }, [
        h('div', { class: 'tid-controls' }, [
          ...(Object.keys(controlButtons) as ControlAction[]).map((action) =>
            h(
              'button',
              {
                type: 'button',
                class: buttonClass(controlButtons[action].tone),
                'data-testid': `control-${action}`,
                title: controlButtons[action].title,
                onClick: () => run(action),
              },
              controlButtons[action].label,
            ),
          ),
          slots.default?.(),
        ]),
        h(
          'div',
          {
            class: 'tid-faults',
            'data-testid': 'faults',
            'data-active': String(active.value !== ''),
          },
          `Faults in force: ${active.value || 'none'}`,
        ),
        h(
          'div',
          {
            class: 'tid-muted',
            'aria-live': 'polite',
            'data-testid': 'control-result',
            style: { marginTop: '6px', minHeight: '1.2em' },
          },
          outcome.value,
        ),
      ]);
  },
});
