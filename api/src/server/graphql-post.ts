import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Context } from '../base/context';
import type { Logger } from '../logger';
import { clientAddress, type ProxyTrust, requestIsSecure } from './client-address';
import { MALFORMED_JSON_REPLY } from './body-errors';
import { apiSecurityHeaders } from './security-headers';

export interface GraphqlPostOptions {
  apollo: ApolloServer<Context>;
  maxBodyBytes: number;
  trustProxy: ProxyTrust;
  cors: RequestHandler;
  context: (authorization: string | undefined, clientAddress: string) => Promise<Context>;
  logger: Logger;
}

/** A JSON body in UTF-8 (or with no charset named, which JSON's is), uncompressed. */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * The console's, CRMs' and dashboards' GraphQL POSTs, answered straight from node:http: express's
 * router, body parsing and content negotiation cost more of such a request than executing it.
 * Only the plain case is taken: POST /graphql with a JSON body of a declared length within the
 * limit, not compressed. Everything else (GET, preflights, other types, chunked, compressed or
 * oversized bodies) returns false and goes to the express app, whose answers it keeps. What the
 * express route does is done here too, in its order: the API's security headers, CORS, the body
 * limit, the same reply to malformed JSON, Apollo, no ETag.
 */
export function graphqlPost(o: GraphqlPostOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || !isGraphqlPath(req.url)) return false;
    const h = req.headers;
    const length = Number(h['content-length']);
    const encoding = h['content-encoding'];
    if (
      !(length > 0 && length <= o.maxBodyBytes) ||
      h['transfer-encoding'] ||
      (encoding && encoding !== 'identity') ||
      !JSON_TYPE.test(h['content-type'] ?? '')
    ) {
      return false;
    }
    apiSecurityHeaders(res, requestIsSecure(req, o.trustProxy));
    o.cors(req as never, res as never, () => {
      readBody(req, (text) => answer(o, req, res, text).catch((e: unknown) => failed(o.logger, res, e)));
    });
    return true;
  };
}

function isGraphqlPath(url: string | undefined): boolean {
  if (!url?.startsWith('/graphql')) return false;
  return url.length === 8 || url[8] === '?';
}

/** The body as text once it is all in (its length is declared, so node frames it); an aborted request gets no reply. */
function readBody(req: IncomingMessage, done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.once('end', () => done(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
  req.once('error', () => req.destroy());
}

/** body-parser's strict JSON: an object or array (anything else is not a GraphQL request body). */
function parseStrict(text: string): unknown {
  const first = /^[ \t\n\r]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function answer(o: GraphqlPostOptions, req: IncomingMessage, res: ServerResponse, text: string): Promise<void> {
  const body = parseStrict(text);
  if (body === undefined) return send(res, 400, MALFORMED_JSON_REPLY);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url!;
  const query = url.indexOf('?');
  const reply = await o.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: query < 0 ? '' : url.slice(query), body },
    context: () => o.context(req.headers.authorization, clientAddress(req, o.trustProxy)),
  });
  await write(res, reply);
}

async function write(res: ServerResponse, reply: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of reply.headers) res.setHeader(key, value);
  res.statusCode = reply.status ?? 200;
  if (reply.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(reply.body.string));
    res.end(reply.body.string);
    return;
  }
  for await (const chunk of reply.body.asyncIterator) res.write(chunk);
  res.end();
}

function send(res: ServerResponse, status: number, json: unknown): void {
  const text = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** Apollo answers its own failures; what escapes it is ours: logged, answered 500 in the GraphQL shape. */
function failed(logger: Logger, res: ServerResponse, e: unknown): void {
  logger.error({ err: e }, 'GraphQL POST failed outside Apollo');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  send(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}
