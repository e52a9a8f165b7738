// @vitest-environment jsdom
import { useLongPoll } from '@tidings/vue';
import { computed } from 'vue';
import { describeComposable, type Envelope } from './composableSuite';
import { fastReconnect } from './harness';

describeComposable<Envelope>('useLongPoll', {
  transport: 'longPoll',
  opensPerRequest: true,
  use: (server, { variant, callbacks, notify }) =>
    useLongPoll(
      // A plain function would be the fetcher: a reactive URL is a computed.
      computed(() => `${server.url}/api/long-poll?v=${variant.value}`),
      () => ({
        // The first answer opens the stream: a short hold makes it come without news.
        timeout: 200,
        reconnect: fastReconnect,
        notify,
        ...callbacks.value,
      }),
    ),
  envelopeOf: (m) => m,
});
