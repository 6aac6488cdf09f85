import { SelectInput, useGetList, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { findResource } from '../../resources/registry';
import { MAX_PER_PAGE } from '../../schema/constraints';

/**
 * A drop-down for a text argument that references another resource by value (e.g. a customer's
 * address, one of the tenant's address options): the options are the target's values.
 */
export const ValueReferenceInput = ({
  source,
  label,
  reference,
  by,
  validate,
  helperText,
  readOnly,
}: {
  source: string;
  label: string;
  reference: string;
  by: string;
  validate?: Validator[];
  helperText?: string | false;
  readOnly?: boolean;
}) => {
  const { data = [], isPending } = useGetList(reference, { pagination: { page: 1, perPage: MAX_PER_PAGE }, sort: findResource(reference)?.sort });
  const current = useWatch({ name: source }) as string | null | undefined;
  const values = data.map((r) => String(r[by]));
  // A stored value that is no longer an option (renamed) stays visible rather than silently dropped.
  if (current && !values.includes(current)) values.unshift(current);
  return (
    <SelectInput
      source={source}
      label={label}
      validate={validate}
      helperText={helperText}
      readOnly={readOnly}
      isPending={isPending}
      choices={values.map((v) => ({ id: v, name: v }))}
      emptyText="app.none"
      emptyValue=""
    />
  );
};
