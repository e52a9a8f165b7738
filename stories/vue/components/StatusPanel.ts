import type { Status, TidingsError } from '@tidings/core';
import { defineComponent, h, type PropType } from 'vue';
import { styles } from './styles';

/**
 * The channel state every live story shows, under the `data-testid`s the browser tests read:
 * `status`, `attempt`, `cursor`, `received` and `error` (empty when there is none).
 */
export const StatusPanel = defineComponent({
  name: 'StatusPanel',
  props: {
    status: { type: String as PropType<Status>, required: true },
    attempt: { type: Number, required: true },
    received: { type: Number, required: true },
    cursor: { type: String as PropType<string | undefined>, default: undefined },
    error: { type: Object as PropType<TidingsError | null>, default: null },
  },
  setup(props) {
    const row = (label: string, testid: string, value: string) =>
      h('div', { style: styles.row }, [
        h('dt', { style: styles.label }, label),
        h('dd', { 'data-testid': testid, style: styles.value }, value),
      ]);
    return () =>
      h('dl', { 'aria-label': 'Connection', style: styles.panel }, [
        h('div', { style: styles.row }, [
          h('dt', { style: styles.label }, 'status'),
          h(
            'dd',
            {
              'data-testid': 'status',
              'data-status': props.status,
              style: styles.status(props.status),
            },
            props.status,
          ),
        ]),
        row('attempt', 'attempt', String(props.attempt)),
        row('cursor', 'cursor', props.cursor ?? ''),
        row('received', 'received', String(props.received)),
        row('error', 'error', props.error?.message ?? ''),
      ]);
  },
});
