import WebSocket from 'ws';

/** A `ws` client that records frames (the resume protocol's `$tidings` ones apart) and how it closed. */
export async function openWs(url: string) {
  const socket = new WebSocket(url);
  const frames: Array<Record<string, unknown> | string> = [];
  const signals: Array<Record<string, unknown>> = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('message', (data) => {
    const text = data.toString();
    let frame: Record<string, unknown> | string;
    try {
      frame = JSON.parse(text) as Record<string, unknown>;
    } catch {
      frame = text;
    }
    if (typeof frame === 'object' && frame !== null && '$tidings' in frame) signals.push(frame);
    else frames.push(frame);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, frames, signals, closed };
}
