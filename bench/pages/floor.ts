import { commit, seqOf, wsUrl } from './harness';

/**
 * The floor: the least work a correct client can do. It parses every frame (it has to, to read it)
 * and writes the DOM once per animation frame, the most often anyone can see it.
 */
const root = document.getElementById('root')!;
root.innerHTML = 'Received <output id="count">0</output>, last <output id="last">-1</output>';
const countOutput = document.getElementById('count')!;
const lastOutput = document.getElementById('last')!;
let count = 0;
let last = -1;
let painting = false;

function paint() {
  painting = false;
  countOutput.textContent = String(count);
  lastOutput.textContent = String(last);
  commit(count, last);
}

const socket = new WebSocket(wsUrl);
socket.onmessage = (event) => {
  last = seqOf(JSON.parse(event.data));
  count++;
  if (!painting) {
    painting = true;
    requestAnimationFrame(paint);
  }
};
