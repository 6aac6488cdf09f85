import { gql, type DocumentNode } from '@apollo/client';
import type { IntrospectionTypeRef } from 'graphql';
import { getMutation, getQuery, leafFields, typeInfo } from '../schema/introspection';

/** Scalar and enum fields of the operation's result type: the selection set. */
function selectionOf(ref: IntrospectionTypeRef): string {
  const result = typeInfo(ref);
  return result.kind === 'OBJECT' ? `{ ${leafFields(result.name).map((f) => f.name).join(' ')} }` : '';
}

function printType(ref: IntrospectionTypeRef): string {
  if (ref.kind === 'NON_NULL') return `${printType(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${printType(ref.ofType)}]`;
  return ref.name;
}

/** `query myTenant { myTenant { ...leaf fields } }` for a query without arguments. */
export function queryDocument(name: string): DocumentNode {
  const query = getQuery(name);
  if (!query) throw new Error(`No query ${name} in the schema`);
  return gql(`query ${name} { ${name} ${selectionOf(query.type)} }`);
}

/** A mutation with a variable per argument present in `variables`. */
export function mutationDocument(name: string, variables: Record<string, unknown>): DocumentNode {
  const mutation = getMutation(name);
  if (!mutation) throw new Error(`No mutation ${name} in the schema`);
  const args = mutation.args.filter((a) => a.name in variables);
  const defs = args.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ');
  const uses = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return gql(`mutation ${name}${defs ? `(${defs})` : ''} { ${name}${uses ? `(${uses})` : ''} ${selectionOf(mutation.type)} }`);
}

/** The form values the mutation takes, numbers cast, absent ones left out (so "unchanged"). */
export function variablesFor(name: string, data: Record<string, unknown>): Record<string, unknown> {
  const mutation = getMutation(name);
  if (!mutation) throw new Error(`No mutation ${name} in the schema`);
  const variables: Record<string, unknown> = {};
  for (const arg of mutation.args) {
    const value = data[arg.name];
    if (value === undefined) continue;
    const t = typeInfo(arg.type);
    if ((t.name === 'Int' || t.name === 'Float') && !t.list) {
      variables[arg.name] = value === '' || value == null ? null : Number(value);
    } else {
      variables[arg.name] = value;
    }
  }
  return variables;
}
