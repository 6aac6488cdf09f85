import { AutocompleteInput, ReferenceInput, required, type Validator } from 'react-admin';
import { useMe } from '../../providers/me';
import { findResource } from '../../resources/registry';
import { representationOf } from '../representation';

export interface OuPickerProps {
  source: string;
  label: string;
  validate?: Validator[];
  helperText?: string | false;
  readOnly?: boolean;
  /** Whether the argument takes null (Unorganized / top level). */
  nullable?: boolean;
  /** What null means for this argument, e.g. "Unorganized". */
  nullLabel?: string;
}

const toQuery = (q: string) => (q ? { q } : {});

/**
 * An OU picker offering only the OUs the caller may write (placing a record in an OU needs
 * write access there): `me.writableOuIds` unless a tenant admin. null (Unorganized, top level)
 * is offered only when the argument takes it and `me.canWriteUnorganized`; otherwise an OU is required.
 */
export const OuPickerInput = ({ source, label, validate = [], helperText = false, readOnly, nullable = true, nullLabel = 'None' }: OuPickerProps) => {
  const { data: me } = useMe();
  const restricted = !!me && !me.isTenantAdmin;
  const mayBeNull = nullable && !!me?.canWriteUnorganized;
  const validators = mayBeNull ? validate : [...validate, required()];
  return (
    <ReferenceInput source={source} reference="OrgUnit" sort={findResource('OrgUnit')?.sort} filter={restricted ? { ids: me.writableOuIds } : undefined}>
      <AutocompleteInput
        label={label}
        validate={validators}
        helperText={helperText}
        readOnly={readOnly}
        optionText={representationOf('OrgUnit')}
        filterToQuery={toQuery}
        emptyText={mayBeNull ? nullLabel : undefined}
        parse={(v: string) => (v === '' ? null : v)}
      />
    </ReferenceInput>
  );
};
