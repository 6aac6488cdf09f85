import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { disposeAtEnd } from './dispose';
import type { GraphQLResponse } from './graphql';

/** A dashboard's connection: opened at once, its close code observable, never retried. */
export interface LiveConnection {
  client: Client;
  /** Resolves with the close code when the socket closes. */
  closed: Promise<number>;
  /** Heartbeat payloads received from the server. */
  pings: unknown[];
  dispose(): Promise<void>;
}

export function connect(wsUrl: string, token?: string | null): LiveConnection {
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const pings: unknown[] = [];
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    on: {
      closed: (event) => onClosed((event as { code: number }).code),
      ping: (received, payload) => {
        if (received) pings.push(payload);
      },
    },
  });
  const dispose = async () => {
    forget();
    await client.dispose();
  };
  const forget = disposeAtEnd(dispose);
  return { client, closed, pings, dispose };
}

/** One subscription's received payloads (the field's value), with waits on what arrives. */
export class Feed<T> {
  readonly items: T[] = [];
  /** When each item arrived (ms). */
  readonly at: number[] = [];
  error?: unknown;
  done = false;
  private waiters: Array<() => void> = [];
  readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    const settle = () => {
      for (const w of this.waiters.splice(0)) w();
    };
    this.unsubscribe = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (value: GraphQLResponse<Record<string, T>>) => {
          if (value.errors?.length) this.error = value.errors;
          else {
            this.items.push(Object.values(value.data ?? {})[0] as T);
            this.at.push(performance.now());
          }
          settle();
        },
        error: (err) => {
          this.error = err;
          this.done = true;
          settle();
        },
        complete: () => {
          this.done = true;
          settle();
        },
      },
    );
  }

  /** Resolves with the first item (from the start) matching, or rejects when the subscription ends first. */
  async until(match: (item: T) => boolean, what = 'an event'): Promise<T> {
    for (;;) {
      const found = this.items.find(match);
      if (found !== undefined) return found;
      if (this.done || this.error) throw new Error(`subscription ended before ${what}: ${JSON.stringify(this.error)}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves when the subscription ends (an error or completion), with its error if any. */
  async ended(): Promise<unknown> {
    while (!this.done) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.error;
  }

  /** Resolves once `n` items have arrived. */
  async count(n: number): Promise<T[]> {
    while (this.items.length < n) {
      if (this.done || this.error) throw new Error(`subscription ended after ${this.items.length} of ${n} events: ${JSON.stringify(this.error)}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.items;
  }
}

export const RESOURCE_CHANGED = `subscription($r: String!, $ids: [ID!], $after: SafeInt) {
  resourceChanged(resource: $r, ids: $ids, after: $after) { seq resource type ids }
}`;

export interface Change {
  seq: number;
  resource: string;
  type: 'CREATED' | 'UPDATED' | 'DELETED';
  ids: string[];
}
