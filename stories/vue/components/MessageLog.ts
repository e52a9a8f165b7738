import { defineComponent, h, type PropType } from 'vue';
import type { LogLine } from '../../common/describe';
import { emptyLog } from '../../common/storyTexts';

/**
 * The messages in arrival order, as `<li data-id="<message id>">` (the browser tests count them),
 * the same markup as the React Storybook's. The list scrolls, so it is focusable (`tabindex=0`)
 * and named: a keyboard user can reach and scroll it.
 */
export const MessageLog = defineComponent({
  name: 'MessageLog',
  props: {
    lines: { type: Array as PropType<readonly LogLine[]>, required: true },
    testid: { type: String, default: 'log' },
    /** The heading above the log, also its accessible name. */
    title: { type: String, default: 'Messages' },
    /** What the empty log says: what to press for a first line. */
    empty: { type: String, default: emptyLog.badge },
  },
  setup(props, { slots }) {
    return () =>
      h('div', { class: 'tid-card tid-grow' }, [
        h('div', { class: 'tid-muted' }, props.title),
        h(
          'ul',
          { class: 'tid-log', 'data-testid': props.testid, tabindex: 0, 'aria-label': props.title },
          props.lines.map((line) =>
            h('li', { key: line.id, 'data-id': line.id }, [
              h('span', { class: 'tid-id' }, line.id),
              slots.decorate?.(line),
              h('span', [`${line.text} `, h('span', { class: 'tid-meta' }, line.meta)]),
            ]),
          ),
        ),
        props.lines.length === 0 ? h('div', { class: 'tid-empty' }, props.empty) : null,
      ]);
  },
});
