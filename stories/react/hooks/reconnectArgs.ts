import type { ArgTypes } from '@storybook/react-vite';
import { FAST_RECONNECT } from '../../shared/endpoints';

/** Reconnect delays as story args, so a reader can slow recovery down and watch it. */
export interface ReconnectArgs {
  minDelay: number;
  maxDelay: number;
}

export const reconnectArgs: ReconnectArgs = { ...FAST_RECONNECT };

export const reconnectArgTypes: Partial<ArgTypes<ReconnectArgs>> = {
  minDelay: {
    description: '`reconnect.minDelay`: base of the full-jitter backoff, in ms',
    control: { type: 'range', min: 100, max: 5000, step: 100 },
  },
  maxDelay: {
    description: '`reconnect.maxDelay`: cap of the backoff, in ms',
    control: { type: 'range', min: 1000, max: 30000, step: 500 },
  },
};

export const toReconnect = ({ minDelay, maxDelay }: ReconnectArgs) => ({ minDelay, maxDelay });
