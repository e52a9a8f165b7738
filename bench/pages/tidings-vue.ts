import { useWebSocket } from '@tidings/vue';
import { createApp, defineComponent, h, onMounted, onUpdated } from 'vue';
import { commit, params, scenario, wsUrl } from './harness';
import { addMessage, emptyTally, type Tally } from './tally';

/** A view as a user writes it: the composable reduces every message, Vue renders once per frame. */
const Feed = defineComponent(() => {
  const { data } = useWebSocket<unknown, Tally>(wsUrl, { reduce: addMessage });
  const tally = () => data.value ?? emptyTally;
  const report = () => commit(tally().count, tally().last);
  onMounted(report);
  onUpdated(report);
  return () =>
    h('p', [
      'Received ',
      h('output', { id: 'count' }, tally().count),
      ', last ',
      h('output', { id: 'last' }, tally().last),
    ]);
});

const count = scenario === 'fanout' ? Number(params.get('n') ?? 50) : 1;
createApp(() => Array.from({ length: count }, () => h(Feed))).mount('#root');
