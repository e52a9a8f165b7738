import { TidingsError } from '../../errors';
import { decodeJson } from '../../parse';
import type { AttemptContext, Driver, Frame } from '../../wire';
import { readMessageId } from '../common/messageId';
import { type MqttClientLike, type MqttConnectConfig, mqttError } from './client';
import type { MqttSession } from './session';

/** One attempt: opens (or reopens) the session's client and listens to it until closed. */
export function mqttDriver(config: MqttConnectConfig, session: MqttSession): Driver {
  return {
    start(context: AttemptContext) {
      let ended = false;
      let unwatch: (() => void) | undefined;
      let live: MqttClientLike | undefined;
      session.client.open(config).then(
        (connect) => {
          if (ended) return;
          let client: MqttClientLike;
          try {
            client = connect();
          } catch (cause) {
            context.fail(
              new TidingsError(
                'config',
                `mqtt.connect rejected "${config.url}": ${String(cause)}`,
                { cause, retryable: false },
              ),
            );
            return;
          }
          live = client;
          unwatch = watch(client, config, context, session);
        },
        (cause) => {
          // A password getter that failed: its own (retryable) error.
          if (cause instanceof TidingsError) {
            if (!ended) context.fail(cause);
            return;
          }
          context.fail(
            new TidingsError('config', 'createMqtt needs the "mqtt" package: npm install mqtt', {
              cause,
              retryable: false,
            }),
          );
        },
      );
      return {
        raw: () => (ended ? undefined : live),
        close: () => {
          ended = true;
          unwatch?.();
          session.disconnected();
        },
      };
    },
  };
}

/** Listens to the client for one attempt; returns the undo. */
function watch(
  client: MqttClientLike,
  config: MqttConnectConfig,
  context: AttemptContext,
  session: MqttSession,
): () => void {
  const onConnect = (connack: { sessionPresent?: boolean }) => {
    void session
      .connected(client, connack.sessionPresent === true, context.report)
      .then(() => context.opened());
  };
  const onMessage = (
    topic: string,
    payload: Uint8Array | string,
    packet: { qos?: number; retain?: boolean },
  ) => {
    const meta = { topic, qos: packet.qos ?? 0, retain: packet.retain === true };
    const raw = typeof payload === 'string' ? payload : utf8(payload);
    if (raw === undefined) {
      // Not text: the bytes go on as they are for a custom parse; the default one reports them.
      const bytes = payload as Uint8Array;
      context.frame({ raw: bytes, meta, json: { ok: false, error: notUtf8(bytes) } });
      return;
    }
    if (!config.messageId) {
      context.frame({ raw, meta });
      return;
    }
    const frame: Frame = { raw, meta, json: decodeJson(raw) };
    frame.id = readMessageId(config.messageId, frame, context);
    context.frame(frame);
  };
  const onError = (error: unknown) => context.fail(mqttError(error));
  const onClose = () =>
    context.fail(new TidingsError('network', `MQTT connection to ${config.url} closed`));
  client.on('connect', onConnect);
  client.on('message', onMessage);
  client.on('error', onError);
  client.on('close', onClose);
  return () => {
    client.off('connect', onConnect);
    client.off('message', onMessage);
    client.off('error', onError);
    client.off('close', onClose);
  };
}

// `fatal`: a payload that is not UTF-8 is reported, not delivered with U+FFFD in place of bytes.
const decoder = new TextDecoder('utf-8', { fatal: true });

function utf8(payload: Uint8Array): string | undefined {
  try {
    return decoder.decode(payload);
  } catch {
    return undefined;
  }
}

function notUtf8(payload: Uint8Array): Error {
  return new Error(
    `payload of ${payload.byteLength} bytes is not UTF-8 text; pass a parse function to read it`,
  );
}
