/**
 * `@tidings/react/socket-io`: the Socket.IO hook. Its own entry because it loads the optional peer
 * `socket.io-client`: an app that never imports this entry never bundles it, nor needs it installed.
 */
export { type UseSocketIOOptions, type UseSocketIOReturn, useSocketIO } from './useSocketIO';
