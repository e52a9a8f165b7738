/**
 * `@tidings/react/mqtt`: the MQTT hook. Its own entry because MQTT loads the optional peer `mqtt`:
 * an app that never imports this entry never bundles it, nor needs it installed.
 */
export { type UseMqttOptions, type UseMqttReturn, useMqtt } from './useMqtt';
