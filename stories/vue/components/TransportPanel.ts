import type { RealtimeTransport, TransportSwitch } from '@tidings/core';
import { defineComponent, h, type PropType } from 'vue';
import { describeSwitch, TRANSPORTS, transportLabels } from '../../common/fallback';

/**
 * The fallback order with the transport in use marked (`data-testid=transport`, and
 * `transport-<name>` with `data-active`), and the switches so far with their reasons, the same
 * markup as the React Storybook's.
 */
export const TransportPanel = defineComponent({
  name: 'TransportPanel',
  props: {
    transport: { type: String as PropType<RealtimeTransport | undefined>, default: undefined },
    history: { type: Array as PropType<readonly TransportSwitch[]>, required: true },
  },
  setup(props) {
    return () =>
      h('div', { class: 'tid-card' }, [
        h('div', { class: 'tid-muted' }, [
          'Transport in use: ',
          h('strong', { 'data-testid': 'transport' }, props.transport ?? 'none yet'),
        ]),
        h(
          'ol',
          { 'aria-label': 'Fallback order' },
          TRANSPORTS.map((name) =>
            h(
              'li',
              {
                key: name,
                'data-testid': `transport-${name}`,
                'data-active': String(name === props.transport),
              },
              name === props.transport
                ? h('strong', `${transportLabels[name]} ◀`)
                : transportLabels[name],
            ),
          ),
        ),
        h('div', { class: 'tid-muted' }, 'Switches'),
        h('ul', { 'data-testid': 'switches', 'aria-label': 'Switches' }, [
          props.history.length === 0 ? h('li', 'none yet') : null,
          ...props.history.map((change) =>
            h('li', { key: change.at + change.to }, describeSwitch(change)),
          ),
        ]),
      ]);
  },
});
