/**
 * `@tidings/core/sse-polyfill`: the `event-source-polyfill` client for SSE, passed as the
 * `polyfill` option. Its own entry because it loads that optional peer: an app that never imports
 * this entry never bundles it, nor needs it installed.
 */
export { eventSourcePolyfill } from './transports/sse/polyfill';
