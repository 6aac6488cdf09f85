import { gql, type DocumentNode } from '@apollo/client';
import type { IntrospectionInputValue, IntrospectionTypeRef } from 'graphql';
import { mutationConstraints } from '../schema/constraints';
import { getInputObjectType, getMutation, getObjectType, getQuery, leafFields, typeInfo } from '../schema/introspection';
import { visibleValues } from './scopes';

/**
 * The selection set of the operation's result type: its scalar and enum fields and, `depth` levels
 * down, those of its object fields taking no arguments (1: the leaf fields only; 3 reaches a
 * batch report's per-agent changes).
 */
function selectionOf(ref: IntrospectionTypeRef, depth = 1): string {
  const result = typeInfo(ref);
  if (result.kind !== 'OBJECT') return '';
  const objects =
    depth > 1
      ? getObjectType(result.name)
          .fields.filter((f) => typeInfo(f.type).kind === 'OBJECT' && !f.args.length)
          .map((f) => `${f.name} ${selectionOf(f.type, depth - 1)}`)
      : [];
  return `{ ${[...leafFields(result.name).map((f) => f.name), ...objects].join(' ')} }`;
}

/** How much of an operation's result to read (see `selectionOf`). */
export interface SelectionOptions {
  depth?: number;
}

function printType(ref: IntrospectionTypeRef): string {
  if (ref.kind === 'NON_NULL') return `${printType(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${printType(ref.ofType)}]`;
  return ref.name;
}

function operationDocument(
  kind: 'query' | 'mutation',
  name: string,
  args: readonly IntrospectionInputValue[],
  result: IntrospectionTypeRef,
  variables: Record<string, unknown>,
  options: SelectionOptions,
): DocumentNode {
  const used = args.filter((a) => a.name in variables);
  const defs = used.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ');
  const uses = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  return gql(`${kind} ${name}${defs ? `(${defs})` : ''} { ${name}${uses ? `(${uses})` : ''} ${selectionOf(result, options.depth)} }`);
}

/** `query contactHistory($customerId: ID!) { contactHistory(customerId: $customerId) { ...leaf fields } }`. */
export function queryDocument(name: string, variables: Record<string, unknown> = {}, options: SelectionOptions = {}): DocumentNode {
  const query = getQuery(name);
  if (!query) throw new Error(`No query ${name} in the schema`);
  return operationDocument('query', name, query.args, query.type, variables, options);
}

/** A mutation with a variable per argument present in `variables`. */
export function mutationDocument(name: string, variables: Record<string, unknown>, options: SelectionOptions = {}): DocumentNode {
  const mutation = getMutation(name);
  if (!mutation) throw new Error(`No mutation ${name} in the schema`);
  return operationDocument('mutation', name, mutation.args, mutation.type, variables, options);
}

/**
 * A value as an argument of `ref` takes it: input objects keep only their declared fields
 * (a loaded grant carries `ou` and `__typename`, which an OuGrantInput does not take).
 */
export function asArgument(ref: IntrospectionTypeRef, value: unknown): unknown {
  if (value == null) return value;
  const t = typeInfo(ref);
  if (t.list && Array.isArray(value)) {
    const inner = ref.kind === 'NON_NULL' ? ref.ofType : ref;
    return value.map((v) => asArgument(inner.kind === 'LIST' ? inner.ofType : inner, v));
  }
  if (t.kind === 'INPUT_OBJECT' && typeof value === 'object') {
    const type = getInputObjectType(t.name);
    if (!type) return value;
    const source = value as Record<string, unknown>;
    return Object.fromEntries(type.inputFields.filter((f) => f.name in source).map((f) => [f.name, asArgument(f.type, source[f.name])]));
  }
  return value;
}

/** The form values an operation takes, numbers cast, input objects trimmed, absent ones left out (so "unchanged"). */
export function argumentsFor(args: readonly IntrospectionInputValue[], data: Record<string, unknown>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of args) {
    const value = data[arg.name];
    if (value === undefined) continue;
    const t = typeInfo(arg.type);
    if ((t.name === 'Int' || t.name === 'Float') && !t.list) {
      variables[arg.name] = value === '' || value == null ? null : Number(value);
    } else if (t.name === 'DateTimeISO' && !t.list && value) {
      variables[arg.name] = new Date(value as string).toISOString();
    } else {
      variables[arg.name] = asArgument(arg.type, value);
    }
  }
  return variables;
}

export function variablesFor(name: string, data: Record<string, unknown>): Record<string, unknown> {
  const mutation = getMutation(name);
  if (!mutation) throw new Error(`No mutation ${name} in the schema`);
  return argumentsFor(mutation.args, visibleValues(name, data, mutationConstraints(name)));
}

export function queryVariablesFor(name: string, data: Record<string, unknown>): Record<string, unknown> {
  const query = getQuery(name);
  if (!query) throw new Error(`No query ${name} in the schema`);
  return argumentsFor(query.args, data);
}
