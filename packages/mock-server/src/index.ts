export { startMockServer } from './server';
export type {
  Faults,
  MockMessage,
  MockServer,
  MockServerOptions,
  MockStats,
  PublishInput,
  TransportName,
  TransportStats,
} from './types';
