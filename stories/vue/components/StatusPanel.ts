import type { Status, TidingsError } from '@tidings/core';
import { defineComponent, h, type PropType } from 'vue';

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
    /** What the figures count, when the story shows fewer messages than were received. */
    note: { type: String, default: undefined },
  },
  setup(props) {
    const row = (label: string, testid: string, value: string, className?: string) => [
      h('dt', label),
      h('dd', { 'data-testid': testid, class: className }, value),
    ];
    return () =>
      h('div', { class: 'tid-card' }, [
        h('dl', { class: 'tid-status', 'aria-label': 'Connection' }, [
          h('dt', 'status'),
          h('dd', [
            h(
              'span',
              { class: 'tid-pill', 'data-status': props.status, 'data-testid': 'status' },
              props.status,
            ),
          ]),
          ...row('attempt', 'attempt', String(props.attempt)),
          ...row('cursor', 'cursor', props.cursor ?? ''),
          ...row('received', 'received', String(props.received)),
          ...row('error', 'error', props.error?.message ?? '', 'tid-error'),
        ]),
        props.note ? h('p', { class: 'tid-note' }, props.note) : null,
      ]);
  },
});
