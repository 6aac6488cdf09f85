import { AutocompleteInput, ReferenceInput, required, type Validator } from 'react-admin';
import { useMe } from '../../providers/me';
import { findResource } from '../../resources/registry';
import { optionProps } from './RecordOption';

export interface WritableReferenceProps {
  source: string;
  label: string;
  /** The resource picked from (the argument's published `reference`). */
  reference: string;
  validate?: Validator[];
  helperText?: string | false;
  readOnly?: boolean;
  /** Whether the argument takes null. */
  nullable?: boolean;
  /** What null means for this argument (its published `nullLabel`, e.g. "Unorganized"), a translation key. */
  nullLabel?: string;
}

const toQuery = (q: string) => (q ? { q } : {});

/**
 * A picker for an argument the server declares `pickFrom: 'writable'` (placing a record there
 * needs write access): it offers only the records in the caller's write scope,
 * `me.writableOuIds`, unless a tenant admin. null is offered only when the argument takes it and
 * `me.canWriteUnorganized`; otherwise a value is required.
 */
export const WritableReferenceInput = ({
  source,
  label,
  reference,
  validate = [],
  helperText = false,
  readOnly,
  nullable = true,
  nullLabel = 'app.none',
}: WritableReferenceProps) => {
  const { data: me } = useMe();
  const restricted = !!me && !me.isTenantAdmin;
  const mayBeNull = nullable && !!me?.canWriteUnorganized;
  const validators = mayBeNull ? validate : [...validate, required()];
  return (
    <ReferenceInput source={source} reference={reference} sort={findResource(reference)?.sort} filter={restricted ? { ids: me.writableOuIds } : undefined}>
      <AutocompleteInput
        label={label}
        validate={validators}
        helperText={helperText}
        readOnly={readOnly}
        {...optionProps(reference)}
        filterToQuery={toQuery}
        emptyText={mayBeNull ? nullLabel : undefined}
        parse={(v: string) => (v === '' ? null : v)}
      />
    </ReferenceInput>
  );
};
