import { defineComponent, h, type PropType } from 'vue';
import { styles } from './styles';

/** One line of a {@link MessageLog}: the message id (`data-id`) and what a reader sees. */
export interface LogItem {
  id: string;
  text: string;
}

/** The messages in arrival order, as `<li data-id="<message id>">` (the browser tests count them). */
export const MessageLog = defineComponent({
  name: 'MessageLog',
  props: {
    items: { type: Array as PropType<readonly LogItem[]>, required: true },
    testid: { type: String, default: 'log' },
    label: { type: String, default: 'Messages' },
  },
  setup(props) {
    return () =>
      h('ol', { 'data-testid': props.testid, 'aria-label': props.label, style: styles.log }, [
        ...props.items.map((item) =>
          h('li', { key: item.id, 'data-id': item.id, style: styles.logItem }, [
            h('code', { style: styles.id }, `#${item.id}`),
            ` ${item.text}`,
          ]),
        ),
      ]);
  },
});
