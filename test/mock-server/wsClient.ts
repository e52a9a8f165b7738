import WebSocket from 'ws';

/** A `ws` client that records frames and how it closed. */
export async function openWs(url: string) {
  const socket = new WebSocket(url);
  const frames: Array<Record<string, unknown> | string> = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('message', (data) => {
    const text = data.toString();
    try {
      frames.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      frames.push(text);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, frames, closed };
}
