import { defaultFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { badInput, type FieldErrors } from '../base/errors';

declare global {
  interface String {
    /** ES2024 (Node 20+): false when the string holds a lone UTF-16 surrogate. */
    isWellFormed(): boolean;
  }
}

/**
 * The dates PostgreSQL and JavaScript both store and print the same way: ISO 8601 years
 * 0001–9999 in UTC. Year 0000 exists in JS (1 BC) but not in PostgreSQL's ISO input, and a
 * year beyond 9999 (e.g. 9999-12-31T23:00-05:00) serialises as "+010000-…", which it rejects.
 */
export const DATE_MIN = new Date('0001-01-01T00:00:00.000Z');
export const DATE_MAX = new Date('9999-12-31T23:59:59.999Z');

export const MESSAGES = {
  nul: 'Must not contain NUL characters',
  surrogate: 'Must be well-formed Unicode text (no unpaired surrogate characters)',
  date: 'Must be a date between 0001-01-01 and 9999-12-31 (UTC)',
} as const;

/** Why PostgreSQL could not store a text value (text and jsonb refuse both), or null. */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return MESSAGES.nul;
  if (!text.isWellFormed()) return MESSAGES.surrogate;
  return null;
}

/** Walks a coerced argument value: strings (also JSON keys), dates, lists and input objects. */
function collect(value: unknown, path: string, out: FieldErrors): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) out[path] ??= problem;
  } else if (value instanceof Date) {
    const time = value.getTime();
    if (!(time >= DATE_MIN.getTime() && time <= DATE_MAX.getTime())) out[path] ??= MESSAGES.date;
  } else if (Array.isArray(value)) {
    // Items share their list's field: that is where a form shows the message.
    for (const item of value) collect(item, path, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const itemPath = `${path}.${key}`;
      const problem = textProblem(key);
      if (problem) out[itemPath] ??= problem;
      collect(item, itemPath, out);
    }
  }
}

/** Field errors for every argument value that PostgreSQL could not store, by argument path. */
export function unstorableArgs(args: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, value] of Object.entries(args)) collect(value, name, out);
  return out;
}

/** Refuses, as BAD_USER_INPUT on the argument, any value PostgreSQL could not store. */
export function refuseUnstorableArgs(args: Record<string, unknown>): void {
  const fields = unstorableArgs(args);
  if (Object.keys(fields).length) throw badInput(fields);
}

/**
 * Every field of the schema that takes arguments (root or nested, query, mutation or
 * subscription, HTTP or WebSocket) refuses input the database cannot store before any resolver
 * reads or writes anything, instead of failing inside a statement (or the audit's jsonb) as an
 * internal error. Put on the fields themselves, not as a type-graphql global middleware: that
 * would also wrap every argument-less field of every row in an async chain, which on a large
 * reply cost more than building it. In place.
 */
export function guardArgumentsIn(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        refuseUnstorableArgs(args);
        return resolve(source, args, context, info);
      };
      const subscribe = field.subscribe;
      if (subscribe)
        field.subscribe = (source, args, context, info) => {
          refuseUnstorableArgs(args);
          return subscribe(source, args, context, info);
        };
    }
  }
  return schema;
}
