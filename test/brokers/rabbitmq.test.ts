// @vitest-environment node
import { afterAll, beforeAll } from 'vitest';
import type { Broker } from './broker';
import { describeInflight } from './mqttInflight';
import { describeOrder } from './mqttOrder';
import { describeBasics, describeResume } from './mqttScenarios';
import { describeWill } from './mqttWill';
import { startRabbitmq } from './rabbitmq';

// Debian's RabbitMQ 3.10 with rabbitmq_web_mqtt (MQTT 3.1.1 only), started once for this file:
// booting a node takes several seconds.
let broker: Broker | undefined;
const open = () => {
  if (!broker) throw new Error('RabbitMQ did not start (see beforeAll)');
  return broker;
};
beforeAll(async () => {
  broker = await startRabbitmq();
}, 90_000);
afterAll(() => broker?.stop(), 60_000);

describeBasics('RabbitMQ 3.10 (Web MQTT)', open, { protocolVersion: 4 });
describeResume('RabbitMQ 3.10 (Web MQTT)', open, { protocolVersion: 4 });
describeOrder('RabbitMQ 3.10 (Web MQTT)', open, { keepsOrder: true });
describeInflight('RabbitMQ 3.10 (Web MQTT)', open, { protocolVersion: 4 });
describeWill('RabbitMQ 3.10 (Web MQTT)', open, { protocolVersion: 4, cleanCloseDropsWill: false });
