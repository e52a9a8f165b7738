import { getDefaultHub, type Hub } from '@tidings/core';
import { dropWire, type InspectedWire, observeHub, reconnectWire } from '@tidings/core/devtools';
import { useTidingsHub } from '@tidings/vue';
import { defineComponent, h, type PropType, shallowRef, watchEffect } from 'vue';
import { actionLabels, wireColumns } from './columns';
import { panelStyles } from './styles';

/** Props of {@link TidingsDevtools}: the same as React's `<TidingsDevtools>`. */
export interface TidingsDevtoolsProps {
  /** The hub to show. @default the `tidings` plugin's hub, else core's default hub */
  hub?: Hub;
  /** The table's caption, its accessible name. @default "tidings wires" */
  caption?: string;
}

/**
 * A live table of a hub's wires (key, transport, status, listeners, messages, bytes, last error)
 * with a Drop and a Reconnect button per wire. Meant for development: import it only where it
 * is shown, and nothing of it reaches a build that does not.
 *
 * @example
 * <TidingsDevtools v-if="import.meta.env.DEV" />
 */
export const TidingsDevtools = defineComponent({
  name: 'TidingsDevtools',
  props: {
    hub: { type: Object as PropType<Hub>, default: undefined },
    caption: { type: String, default: 'tidings wires' },
  },
  setup(props) {
    // biome-ignore lint/correctness/useHookAtTopLevel: Vue composables run in setup(); the rule is React's
    const providedHub = useTidingsHub();
    const target = () => props.hub ?? providedHub ?? getDefaultHub();
    const wires = shallowRef<readonly InspectedWire[]>([]);
    // Runs on the client only (no effects in a server render), and again if `hub` changes.
    watchEffect((onCleanup) => {
      onCleanup(
        observeHub(target(), (next) => {
          wires.value = next;
        }),
      );
    });
    const cell = (text: string, long: boolean | undefined) =>
      h('td', { style: long ? [panelStyles.cell, panelStyles.long] : panelStyles.cell }, text);
    return () => {
      const hub = target();
      const header = h('tr', [
        ...wireColumns.map((column) =>
          h('th', { scope: 'col', style: panelStyles.cell }, column.header),
        ),
        h('th', { scope: 'col', style: panelStyles.cell }, 'Actions'),
      ]);
      const rows =
        wires.value.length === 0
          ? [
              h('tr', [
                h(
                  'td',
                  { colspan: wireColumns.length + 1, style: panelStyles.cell },
                  'No wires in this hub.',
                ),
              ]),
            ]
          : wires.value.map((wire, index) => {
              const labels = actionLabels(wire, index);
              return h('tr', { key: wire.key, 'data-status': wire.status }, [
                ...wireColumns.map((column) => cell(column.cell(wire, index), column.long)),
                h('td', { style: panelStyles.cell }, [
                  h(
                    'button',
                    {
                      type: 'button',
                      'aria-label': labels.drop,
                      onClick: () => dropWire(hub, wire.key),
                    },
                    'Drop',
                  ),
                  ' ',
                  h(
                    'button',
                    {
                      type: 'button',
                      'aria-label': labels.reconnect,
                      onClick: () => reconnectWire(hub, wire.key),
                    },
                    'Reconnect',
                  ),
                ]),
              ]);
            });
      return h('table', { 'data-tidings-devtools': '', style: panelStyles.table }, [
        h('caption', { style: panelStyles.caption }, props.caption),
        h('thead', [header]),
        h('tbody', rows),
      ]);
    };
  },
});
