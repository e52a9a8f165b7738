import { commit, seqOf, wsUrl } from './harness';

/** Plain DOM code as most people write it: parse, update the text, for every message. */
const root = document.getElementById('root')!;
root.innerHTML = 'Received <output id="count">0</output>, last <output id="last">-1</output>';
const countOutput = document.getElementById('count')!;
const lastOutput = document.getElementById('last')!;
let count = 0;
const socket = new WebSocket(wsUrl);
socket.onmessage = (event) => {
  const seq = seqOf(JSON.parse(event.data));
  count++;
  countOutput.textContent = String(count);
  lastOutput.textContent = String(seq);
  commit(count, seq);
};
