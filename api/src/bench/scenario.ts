import { isDeepStrictEqual } from 'node:util';
import type { BenchRequest, Target } from './load';

/** A goal of issue 15 for a figure of the table. */
export type Goal =
  | { kind: 'ratio-at-least'; value: number }
  | { kind: 'ratio-at-most'; value: number }
  | { kind: 'rps-at-least'; value: number }
  | { kind: 'p99-at-most'; value: number };

/** One line of the table: a closed-loop load against one server. */
export interface Scenario {
  id: string;
  name: string;
  target: Target;
  requests: BenchRequest[];
  connections?: number;
  /** The scenario this one is compared with (its req/s over this one's, or the other way for "at most" goals). */
  baseline?: string;
  goal?: Goal;
}

export interface GraphQLReply {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A GraphQL request over HTTP as a client sends it; `check` gets the reply's data once there are no errors. */
export function graphql(token: string, query: string, variables: Record<string, unknown>, check: (data: Record<string, unknown>) => void): BenchRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    check: (reply) => {
      const r = reply as GraphQLReply;
      if (r.errors?.length) throw new Error(`errors: ${JSON.stringify(r.errors).slice(0, 400)}`);
      if (!r.data) throw new Error('no data');
      check(r.data);
    },
  };
}

/** Fails with `what` unless `ok`. */
export function expect(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Error(what);
}

/** The bare server's request that must answer exactly what `api` answers (compared once, then byte for byte in the load). */
export const sameAs = (path: string, answer: () => unknown): BenchRequest => ({
  method: 'GET',
  path,
  check: (reply) => expect(isDeepStrictEqual(reply, answer()), `the bare reply differs from the API's: ${JSON.stringify(answer()).slice(0, 300)}`),
});
