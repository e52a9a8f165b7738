export {
  dropWire,
  type InspectedError,
  type InspectedWire,
  inspectHub,
  observeHub,
  reconnectWire,
} from '@tidings/core/devtools';
export { actionLabels, formatBytes, type WireColumn, wireColumns, wireName } from './columns';
