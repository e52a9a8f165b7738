import { defineComponent, h, onBeforeUnmount, onMounted, shallowRef } from 'vue';
import { buttonClass } from '../../common/control';
import {
  describeNetwork,
  getNetwork,
  type HostileNetwork,
  type NetworkAction,
  networkButtons,
  pressNetworkButton,
} from '../../common/hostileNetwork';

/**
 * Buttons that make the mock server's network hostile, one transport at a time
 * (`data-testid=network-<action>`), and the settings in force (`data-testid=network`), as in the
 * React Storybook: they are server-wide, so the panel reads them when it opens and after every
 * button.
 */
export const HostileNetworkPanel = defineComponent({
  name: 'HostileNetworkPanel',
  setup() {
    const settings = shallowRef<HostileNetwork | undefined>();
    const problem = shallowRef('');
    const read = () => {
      getNetwork().then(
        (next) => (settings.value = next),
        () => (settings.value = undefined),
      );
    };
    onMounted(() => {
      read();
      window.addEventListener('focus', read);
    });
    onBeforeUnmount(() => window.removeEventListener('focus', read));
    const press = (action: NetworkAction) => {
      pressNetworkButton(action).then(
        (next) => {
          settings.value = next;
          problem.value = '';
        },
        (error: Error) => (problem.value = error.message),
      );
    };
    return () =>
      h('div', { class: 'tid-card', role: 'group', 'aria-label': 'Hostile network' }, [
        h(
          'div',
          { class: 'tid-controls' },
          (Object.keys(networkButtons) as NetworkAction[]).map((action) =>
            h(
              'button',
              {
                type: 'button',
                class: buttonClass(action === 'friendly' ? undefined : 'danger'),
                'data-testid': `network-${action}`,
                title: networkButtons[action].title,
                onClick: () => press(action),
              },
              networkButtons[action].label,
            ),
          ),
        ),
        h(
          'div',
          { class: 'tid-faults', 'data-testid': 'network' },
          `Network: ${settings.value ? describeNetwork(settings.value) : 'unknown'}`,
        ),
        h(
          'div',
          { class: 'tid-muted', 'aria-live': 'polite', style: { minHeight: '1.2em' } },
          problem.value,
        ),
      ]);
  },
});
