import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * The live-events baseline (M6): what the machine does without our stack. A plain `ws` server in
 * its own process. A client joins a group with `?group=G` (the bench's 20 OUs). `POST /send?group=G&id=X`
 * serialises one graphql-ws "next" frame, as the API's subscription sends it, and writes that text to
 * every socket of the group, then replies 204. No database, no authentication, no per-subscriber
 * work: the floor of fanning one message out.
 */
const groups = new Map<string, Set<WebSocket>>();
let seq = 0;
/** A customer id of the frame's size: the baseline's message is as long as the API's. */
const CUSTOMER = '00000000-0000-4000-8000-000000000000';

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://bare');
  if (req.method !== 'POST' || url.pathname !== '/send') {
    res.writeHead(404).end();
    return;
  }
  const frame = JSON.stringify({
    id: '1',
    type: 'next',
    payload: { data: { contactRecorded: { seq: ++seq, id: url.searchParams.get('id'), customerId: CUSTOMER, channel: 'VOICE' } } },
  });
  for (const socket of groups.get(url.searchParams.get('group') ?? '') ?? []) socket.send(frame);
  res.writeHead(204).end();
});

const wss = new WebSocketServer({ server });
wss.on('connection', (socket, req) => {
  const group = new URL(req.url ?? '/', 'http://bare').searchParams.get('group') ?? '';
  const members = groups.get(group) ?? new Set();
  members.add(socket);
  groups.set(group, members);
  socket.on('close', () => members.delete(socket));
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare-ws listening on ${typeof address === 'object' && address ? address.port : '?'}`);
});
process.on('SIGTERM', () => {
  for (const socket of wss.clients) socket.terminate();
  wss.close();
  server.close(() => process.exit(0));
});
