import { useWebSocket } from '@vueuse/core';
import { createApp, defineComponent, h, onMounted, onUpdated, ref, watch } from 'vue';
import { commit, params, scenario, seqOf, wsUrl } from './harness';
import { emptyTally } from './tally';

/** The docs' pattern: watch `data` (the last frame's text) and keep what is needed. */
const Feed = defineComponent(() => {
  const { data } = useWebSocket<string>(wsUrl);
  const tally = ref(emptyTally);
  watch(data, (text) => {
    if (text == null) return;
    tally.value = { count: tally.value.count + 1, last: seqOf(JSON.parse(text)) };
  });
  const report = () => commit(tally.value.count, tally.value.last);
  onMounted(report);
  onUpdated(report);
  return () =>
    h('p', [
      'Received ',
      h('output', { id: 'count' }, tally.value.count),
      ', last ',
      h('output', { id: 'last' }, tally.value.last),
    ]);
});

const count = scenario === 'fanout' ? Number(params.get('n') ?? 50) : 1;
createApp(() => Array.from({ length: count }, () => h(Feed))).mount('#root');
