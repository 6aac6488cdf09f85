import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { apolloClient } from '../../providers/apollo';
import { getQuery, typeInfo } from '../../schema/introspection';
import { getObjectType } from '../../schema/introspection';

export interface MenuPermission {
  code: string;
  label: string;
  operations: { code: string; label: string }[];
}

/**
 * The catalogue query a `[String!]` argument takes its codes from, when its documentation says
 * "see <query>" and that query returns menus with operations (code, label, operations).
 */
export function catalogueQueryOf(description: string | undefined | null): string | undefined {
  const name = description ? /\bsee (\w+)/.exec(description)?.[1] : undefined;
  const query = name ? getQuery(name) : undefined;
  if (!query || query.args.length) return undefined;
  const t = typeInfo(query.type);
  if (!t.list || t.kind !== 'OBJECT') return undefined;
  const fields = new Set(getObjectType(t.name).fields.map((f) => f.name));
  return fields.has('code') && fields.has('label') && fields.has('operations') ? name : undefined;
}

/** The catalogue (fixed per server version): read once per session. */
export function useCatalogue(query: string) {
  return useQuery<MenuPermission[]>({
    queryKey: ['catalogue', query],
    staleTime: Infinity,
    queryFn: async () => {
      const { data } = await apolloClient.query<Record<string, MenuPermission[]>>({
        query: gql(`query ${query} { ${query} { code label operations { code label } } }`),
      });
      return data[query]!;
    },
  });
}
