import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes } from 'aedes';
import { createWebSocketStream, type WebSocket, WebSocketServer } from 'ws';
import type { ServerContext } from './context';
import { NOT_PRESENTED } from './live';
import { wirePayload } from './log';
import type { MqttPositions } from './log/mqttPositions';
import { MqttResume } from './mqttResume';
import { MqttSessions } from './mqttSessions';
import { topicOf } from './mqttTopic';
import { cutIfSlow } from './slowConsumer';
import type { UpgradeEndpoint } from './upgrade';

export interface MqttEndpoint extends UpgradeEndpoint {
  sessions: MqttSessions;
}

/**
 * `WS /mqtt`: an aedes broker over WebSocket. Log messages are published by the broker itself at
 * QoS 1, so persistent sessions (`clean: false`) queue them while their client is offline. With
 * `positions` (a log shared by nodes) a persistent session follows its client to any node instead
 * (see `MqttResume`).
 */

export async function createMqttEndpoint(
  ctx: ServerContext,
  positions?: MqttPositions,
): Promise<MqttEndpoint> {
  const { maxMessageBytes } = ctx.limits;
  const resume = positions && new MqttResume(ctx.log, positions);
  /** The password each connection's CONNECT carried, so that a token rotation can judge it. */
  const passwords = new WeakMap<object, string | undefined>();
  const broker = await Aedes.createBroker({
    // Auth mode: the password is the token; connack 4 ("bad user name or password") refuses it.
    authenticate: (client, _username, password, callback) => {
      passwords.set(client.conn, password?.toString());
      if (ctx.auth.accepts(password?.toString())) {
        callback(null, true);
        return;
      }
      const error = Object.assign(new Error(ctx.auth.reason), { returnCode: 4 as const });
      callback(error, false);
    },
    // A packet may span WebSocket frames, so the frame limit alone does not bound a publish.
    authorizePublish: (_client, packet, callback) => {
      const size = Buffer.byteLength(packet.payload);
      callback(
        size > maxMessageBytes
          ? new Error(`publish of ${size} bytes is over the ${maxMessageBytes}-byte limit`)
          : null,
      );
    },
    ...(resume && {
      preConnect: (client, packet, callback) => {
        resume.preConnect(client, packet);
        callback(null, true);
      },
      authorizeForward: (client, packet) => resume.authorizeForward(client, packet),
    }),
  });
  resume?.attach(broker);
  const sessions = new MqttSessions(broker, ctx.limits.maxMqttSessions);
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  /** Each connection's stream: aedes writes into it, and what the socket has not taken waits there. */
  const streams = new Map<WebSocket, Duplex>();

  const unsubscribe = ctx.log.subscribe((message) => {
    // aedes queues for a client that does not read until its drain timeout (a minute): cut it
    // before publishing more.
    for (const [ws, stream] of streams) {
      const unread = ws.bufferedAmount + stream.writableLength;
      if (ws.readyState === ws.OPEN) cutIfSlow(ctx, unread, () => ws.terminate());
    }
    const packet = {
      cmd: 'publish' as const,
      topic: topicOf(message),
      payload: resume ? resume.payloadOf(message) : Buffer.from(wirePayload(message)),
      qos: 1 as const,
      retain: false,
      dup: false,
    };
    broker.publish(packet, (error) => {
      if (error) console.error(`tidings-mock: MQTT publish of message ${message.id} failed`, error);
    });
  });

  return {
    sessions,
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        const stream = createWebSocketStream(ws);
        streams.set(ws, stream);
        const disposers = [
          ctx.live.open(
            'mqtt',
            () => {
              stream.destroy();
              ws.terminate();
            },
            // Judged by `authenticate` when the CONNECT comes: until then a rotation leaves it be.
            () => (passwords.has(stream) ? passwords.get(stream) : NOT_PRESENTED),
          ),
          // aedes writes the packets, so count what reaches the TCP socket after the handshake.
          ctx.stats.meter('mqtt', () => (socket as Socket).bytesWritten),
        ];
        ws.on('close', () => {
          streams.delete(ws);
          for (const dispose of disposers) dispose();
        });
        // aedes listens for stream errors itself; a reset connection is routine, not a crash.
        stream.on('error', () => ws.terminate());
        broker.handle(stream, req);
      });
    },
    async close() {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await sessions.settled();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
