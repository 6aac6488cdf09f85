import type { ReactElement } from 'react';
import { ReferenceInput, useDataProvider, type ReferenceInputProps } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useQueries } from '@tanstack/react-query';
import { useFormPaths } from '../scopes';

/**
 * One narrowing a reference declares (`filterBy`): the target's list filter `filter` equals the
 * form's `field` (found like a condition's names, see scopes.tsx) or, with `via`, the `via.field`
 * of the `via.resource` record that form field names (a called route's queues: of the media type
 * of its access code).
 */
export interface FilterSource {
  filter: string;
  field: string;
  via?: { resource: string; field: string };
  /** The filter value each form value stands for (an agent type → its queues' media class); a value not listed narrows nothing. */
  values?: Record<string, string>;
}

/** The filter value a form value gives, through the source's `values` when it has them. */
const filterValue = (source: FilterSource, value: unknown) => (source.values && value != null ? source.values[String(value)] : value);

/**
 * A reference picker narrowed by values of the form, e.g. a handler's target queues of the form's
 * queue type. Without a value yet (no type chosen) it offers every target; the server checks anyway.
 */
export const FilteredReferenceInput = ({
  filterBy,
  filter,
  children,
  ...props
}: Pick<ReferenceInputProps, 'source' | 'reference' | 'sort' | 'filter'> & { filterBy: FilterSource[]; children: ReactElement }) => {
  const paths = useFormPaths(filterBy.map((f) => f.field));
  const values = useWatch({ name: paths }) as unknown[];
  const dataProvider = useDataProvider();
  const read = useQueries({
    queries: filterBy.map((f, i) => ({
      queryKey: [f.via?.resource, 'getOne', { id: String(values[i] ?? '') }],
      enabled: !!f.via && values[i] != null && values[i] !== '',
      queryFn: () => dataProvider.getOne(f.via!.resource, { id: values[i] as string }).then((r) => r.data),
    })),
  });
  const narrowed = Object.fromEntries(
    filterBy
      .map((f, i) => [f.filter, filterValue(f, f.via ? (read[i]?.data as Record<string, unknown> | undefined)?.[f.via.field] : values[i])] as const)
      .filter(([, v]) => v != null && v !== ''),
  );
  return (
    <ReferenceInput {...props} filter={{ ...filter, ...narrowed }}>
      {children}
    </ReferenceInput>
  );
};
