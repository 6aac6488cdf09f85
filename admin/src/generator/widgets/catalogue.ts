import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { apolloClient } from '../../providers/apollo';
import type { FieldConstraint } from '../../../../schema/constraints';
import { getQuery } from '../../schema/introspection';

export interface MenuPermission {
  code: string;
  label: string;
  operations: { code: string; label: string }[];
}

/** The catalogue query of an argument the server declares as edited with the permission tree (`widget`, `options`). */
export function catalogueQueryOf(c: FieldConstraint): string | undefined {
  return c.widget === 'permission-tree' && c.options && getQuery(c.options) ? c.options : undefined;
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
