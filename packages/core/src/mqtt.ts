/**
 * `@tidings/core/mqtt`: MQTT over WebSocket. Its own entry because it loads the optional peer
 * `mqtt`: an app that never imports this entry never bundles it, nor needs it installed.
 */
export * from './transports/mqtt';
