export { startMockServer } from './server';
export type {
  Faults,
  HostileNetwork,
  MockMessage,
  MockServer,
  MockServerOptions,
  MockStats,
  PublishInput,
  TransportName,
  TransportStats,
} from './types';
