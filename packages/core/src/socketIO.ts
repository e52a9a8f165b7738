/**
 * `@tidings/core/socket-io`: Socket.IO. Its own entry because it loads the optional peer
 * `socket.io-client`: an app that never imports this entry never bundles it, nor needs it installed.
 */
export * from './transports/socketIO';
