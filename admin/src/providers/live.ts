import { GRAPHQL_URL } from './apollo';
import { getToken } from './session';

/**
 * Live events for the console (SPEC §7): one WebSocket per signed-in token, speaking the
 * graphql-ws protocol (graphql-transport-ws) directly — a handful of messages, no client
 * package. Subscriptions survive a reconnect: each resumes after the last sequence number it
 * received, so nothing is missed. The server checks every event against the user's scope.
 */
type Listener = (data: Record<string, unknown>) => void;
interface Sub {
  query: string;
  variables: Record<string, unknown>;
  listener: Listener;
  /** The last sequence number received: where a resubscription resumes. */
  after?: number;
}

let socket: WebSocket | undefined;
let socketToken: string | undefined;
let acknowledged = false;
let retry: ReturnType<typeof setTimeout> | undefined;
let nextId = 0;
const subs = new Map<string, Sub>();

function url(): string {
  const base = new URL(GRAPHQL_URL, window.location.href);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  return base.toString();
}

function send(message: object): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function start(id: string, sub: Sub): void {
  const variables = sub.after == null ? sub.variables : { ...sub.variables, after: sub.after };
  send({ id, type: 'subscribe', payload: { query: sub.query, variables } });
}

function open(): void {
  const token = getToken();
  if (!token || !subs.size || socket) return;
  socketToken = token;
  acknowledged = false;
  const ws = new WebSocket(url(), 'graphql-transport-ws');
  socket = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  ws.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { type: string; id?: string; payload?: { data?: Record<string, unknown> } };
    if (message.type === 'ping') return send({ type: 'pong' });
    if (message.type === 'connection_ack') {
      acknowledged = true;
      for (const [id, sub] of subs) start(id, sub);
      return;
    }
    const sub = message.id ? subs.get(message.id) : undefined;
    if (message.type !== 'next' || !sub || !message.payload?.data) return;
    const value = Object.values(message.payload.data)[0] as { seq?: number } | undefined;
    if (typeof value?.seq === 'number') sub.after = value.seq;
    sub.listener(message.payload.data);
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = undefined;
    // Signed out, or the token expired or was revoked (4403): a new sign-in opens a new socket.
    if (!subs.size || !getToken()) return;
    retry = setTimeout(() => {
      retry = undefined;
      open();
    }, 2000);
  };
}

/** Subscribes to a subscription document; returns the function that ends it. */
export function subscribe(query: string, variables: Record<string, unknown>, listener: Listener): () => void {
  const id = String(++nextId);
  const sub: Sub = { query, variables, listener };
  subs.set(id, sub);
  // A socket of another (earlier) sign-in is replaced.
  if (socket && socketToken !== getToken()) socket.close();
  if (!socket) open();
  else if (acknowledged) start(id, sub);
  return () => {
    subs.delete(id);
    send({ id, type: 'complete' });
    if (!subs.size) {
      clearTimeout(retry);
      socket?.close(1000);
      socket = undefined;
    }
  };
}
