export { startMockServer } from './server';
export type {
  Faults,
  HostileNetwork,
  MockMessage,
  MockServer,
  MockServerOptions,
  MockStats,
  PublishInput,
  SharedLogOptions,
  TransportName,
  TransportStats,
} from './types';
