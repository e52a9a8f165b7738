/** One contender: a page under `bench/pages/`, and the scenarios it takes part in. */
export interface Competitor {
  /** The page's file name without extension. */
  page: string;
  label: string;
  /** Library code under test, or a reference written by hand. */
  kind: 'tidings' | 'peer' | 'reference';
}

export const FLOOR: Competitor = {
  page: 'floor',
  label: 'floor (parse all, paint per frame)',
  kind: 'reference',
};
export const DOM: Competitor = { page: 'dom', label: 'plain DOM', kind: 'reference' };
export const TIDINGS_REACT: Competitor = {
  page: 'tidings-react',
  label: 'tidings React',
  kind: 'tidings',
};
export const TIDINGS_VUE: Competitor = {
  page: 'tidings-vue',
  label: 'tidings Vue',
  kind: 'tidings',
};
export const REACT_USE_WEBSOCKET: Competitor = {
  page: 'react-use-websocket',
  label: 'react-use-websocket',
  kind: 'peer',
};
export const VUEUSE: Competitor = { page: 'vueuse', label: 'VueUse useWebSocket', kind: 'peer' };
export const FETCH_EVENT_SOURCE: Competitor = {
  page: 'fetch-event-source',
  label: '@microsoft/fetch-event-source',
  kind: 'peer',
};

/** Every page in a WebSocket stream (burst, latency, sustained rate). */
export const STREAM = [FLOOR, DOM, TIDINGS_REACT, TIDINGS_VUE, REACT_USE_WEBSOCKET, VUEUSE];
export const SSE = [TIDINGS_REACT, FETCH_EVENT_SOURCE];
export const FANOUT = [TIDINGS_REACT, TIDINGS_VUE, REACT_USE_WEBSOCKET, VUEUSE];
export const STRICT_MODE = [TIDINGS_REACT, REACT_USE_WEBSOCKET];
export const ALL_PAGES = [...STREAM, FETCH_EVENT_SOURCE];
