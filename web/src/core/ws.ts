// One WebSocket to the server's /ws per signed-in tab. Screens subscribe to
// message types ("desk", "realtime", "order.assigned", …); the socket comes
// back by itself after a drop (1 s, 2 s, … up to 15 s) and `connected` says
// whether the live view is current.
import { signal } from '@preact/signals';

export interface WsMessage {
  type: string;
  [key: string]: unknown;
}

type Handler = (message: WsMessage) => void;

export const connected = signal(false);

const handlers = new Map<string, Set<Handler>>();
let socket: WebSocket | null = null;
let wanted = false;
let retryMs = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

export function dispatch(message: WsMessage): void {
  handlers.get(message.type)?.forEach((h) => h(message));
  handlers.get('*')?.forEach((h) => h(message));
}

// Subscribes to one message type ('*' for all); returns the unsubscribe.
export function onMessage(type: string, handler: Handler): () => void {
  let set = handlers.get(type);
  if (!set) handlers.set(type, (set = new Set()));
  set.add(handler);
  return () => set!.delete(handler);
}

function open(): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/ws`);
  socket = ws;
  ws.onopen = () => {
    connected.value = true;
    retryMs = 1000;
    dispatch({ type: 'ws.open' });
  };
  ws.onmessage = (event) => {
    try {
      const message = JSON.parse(String(event.data));
      if (message && typeof message.type === 'string') dispatch(message);
    } catch {
      // a frame that is not JSON is ignored
    }
  };
  ws.onclose = () => {
    connected.value = false;
    if (socket === ws) socket = null;
    if (!wanted) return;
    retryTimer = setTimeout(open, retryMs);
    retryMs = Math.min(retryMs * 2, 15000);
  };
}

export function startLive(): void {
  if (wanted) return;
  wanted = true;
  open();
}

export function stopLive(): void {
  wanted = false;
  clearTimeout(retryTimer);
  socket?.close();
  socket = null;
  connected.value = false;
}
