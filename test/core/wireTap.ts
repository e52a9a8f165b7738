import { channelInternals } from '../../packages/core/src/channelInternals';
import type { Frame, Wire } from '../../packages/core/src/wire';

/**
 * Records every frame reaching a channel's (shared) wire, before any consumer's filtering: proof
 * of what the server still sends, e.g. that an MQTT client really unsubscribed.
 */
export function tapWireFrames(channel: object): Frame[] {
  const frames: Frame[] = [];
  channelInternals<Wire>(channel)
    .wire()
    ?.listen({
      state: () => {},
      opened: () => {},
      frame: (frame) => frames.push(frame),
      report: () => {},
      shouldReconnect: () => true,
    });
  return frames;
}
