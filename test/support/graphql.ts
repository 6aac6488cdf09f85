import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { disposeAtEnd } from './dispose';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; fields?: Record<string, string>; [k: string]: unknown } }>;
}

/** A thin HTTP client: exactly what a CRM or the console sends (JSON POST, bearer token). */
export class GraphQLClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  withToken(token: string): GraphQLClient {
    return new GraphQLClient(this.baseUrl, token);
  }

  async request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const res = await this.post({ query, variables });
    return (await res.json()) as GraphQLResponse<T>;
  }

  /** Returns data or throws with the errors: for set-up steps that must succeed. */
  async ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors?.length || !res.data) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data;
  }

  /** A raw POST (any body, extra headers) answered with its status and parsed GraphQL reply. */
  async send<T = Record<string, unknown>>(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; reply: GraphQLResponse<T> }> {
    const res = await this.post(body, headers);
    return { status: res.status, reply: (await res.json()) as GraphQLResponse<T> };
  }

  post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}

/** graphql-ws client over a real socket; the token goes in connectionParams like a dashboard's. */
export function wsClient(wsUrl: string, token?: string, options: { keepOpen?: boolean } = {}): Client {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    // A dashboard keeps its socket open; one-off test operations connect lazily.
    lazy: !options.keepOpen,
    // The tests that keep a socket open assert on its close themselves.
    onNonLazyError: () => {},
  });
  disposeAtEnd(() => client.dispose());
  return client;
}

/** Runs one operation over WebSocket and resolves with its single result (errors included). */
export function wsRequest<T = Record<string, unknown>>(client: Client, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = value as GraphQLResponse<T>),
        error: (err) => {
          if (Array.isArray(err)) resolve({ errors: err as GraphQLResponse<T>['errors'] });
          else reject(err);
        },
        complete: () => resolve(result ?? {}),
      },
    );
  });
}
