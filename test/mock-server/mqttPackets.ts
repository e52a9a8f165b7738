// MQTT 3.1.1 packets written out by hand (§2–3), for tests that must send what mqtt.js never
// would: a packet split across frames, or a client that subscribes and then stops reading.

function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  let rest = length;
  do {
    bytes.push((rest % 128) | (rest >= 128 ? 0x80 : 0));
    rest = Math.floor(rest / 128);
  } while (rest > 0);
  return Buffer.from(bytes);
}

const packet = (type: number, body: Buffer) =>
  Buffer.concat([Buffer.from([type]), remainingLength(body.length), body]);

const text = (value: string) => {
  const bytes = Buffer.from(value);
  return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
};

/** CONNECT with a clean session and a 60 s keepalive. */
export const connectPacket = (clientId: string): Buffer =>
  packet(0x10, Buffer.concat([text('MQTT'), Buffer.from([4, 2, 0, 60]), text(clientId)]));

/** SUBSCRIBE (packet id 1) to one filter at QoS 0. */
export const subscribePacket = (filter: string): Buffer =>
  packet(0x82, Buffer.concat([Buffer.from([0, 1]), text(filter), Buffer.from([0])]));

/** PUBLISH at QoS 0. */
export const publishPacket = (topic: string, payload: Buffer): Buffer =>
  packet(0x30, Buffer.concat([text(topic), payload]));
