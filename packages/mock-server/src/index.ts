export { startMockServer } from './server';
export type {
  Faults,
  MockMessage,
  MockServer,
  MockServerOptions,
  MockStats,
  PublishInput,
  SharedLogOptions,
  TransportName,
  TransportStats,
} from './types';
