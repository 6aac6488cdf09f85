import { gql } from '@apollo/client';
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { permissionLabel } from '../../i18n/generated';
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

/** The catalogue (fixed per server version): read once per session, its labels in the console's language (by code). */
export function useCatalogue(query: string) {
  const translate = useTranslate();
  const answer = useQuery<MenuPermission[]>({
    queryKey: ['catalogue', query],
    staleTime: Infinity,
    queryFn: async () => {
      const { data } = await apolloClient.query<Record<string, MenuPermission[]>>({
        query: gql(`query ${query} { ${query} { code label operations { code label } } }`),
      });
      return data[query]!;
    },
  });
  const data = useMemo(() => {
    const label = (p: { code: string; label: string }) => ({ ...p, label: translate(permissionLabel(p.code, p.label)) });
    return answer.data?.map((m) => ({ ...label(m), operations: m.operations.map(label) }));
  }, [answer.data, translate]);
  return { ...answer, data };
}
