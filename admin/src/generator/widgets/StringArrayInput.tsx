import { Button } from '@mui/material';
import AddIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import { ArrayInput, SimpleFormIterator, TextInput, useSimpleFormIterator, useWrappedSource, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';

export interface StringArrayProps {
  source: string;
  label: string;
  /** Rules on the list (maxItems). */
  validate?: Validator[];
  /** Rules on each item (length, pattern, e-mail). */
  itemValidate?: Validator[];
  maxItems?: number;
  email?: boolean;
  helperText?: string | false;
  readOnly?: boolean;
}

/** The label of one item: "Phones" → "Phone". */
const singular = (label: string) => (label.length > 1 && label.endsWith('s') ? label.slice(0, -1) : label);

/** "Add phone", disabled (not hidden) once the list is full, so the limit is visible. */
const AddButton = ({ label, full }: { label: string; full: boolean }) => {
  const { add } = useSimpleFormIterator();
  return (
    <Button size="small" startIcon={<AddIcon />} disabled={full} onClick={() => add()}>
      {label}
    </Button>
  );
};

/**
 * A repeatable text input for a `[String!]` argument: one row per item with the per-item rules
 * of constraints.json, and no "Add" once `maxItems` rows exist.
 */
export const StringArrayInput = ({ source, label, validate, itemValidate, maxItems, email, helperText, readOnly }: StringArrayProps) => {
  const path = useWrappedSource(source);
  const value = useWatch({ name: path }) as unknown[] | undefined;
  const count = Array.isArray(value) ? value.length : 0;
  const full = maxItems != null && count >= maxItems;
  const itemLabel = singular(label);
  return (
    <ArrayInput
      source={source}
      label={label}
      validate={validate}
      helperText={maxItems != null ? `${helperText ? `${helperText} · ` : ''}${count} of ${maxItems}` : helperText}
    >
      <SimpleFormIterator
        inline
        disableReordering
        disableClear
        disableAdd={readOnly}
        disableRemove={readOnly}
        getItemLabel={() => ''}
        addButton={<AddButton label={`Add ${itemLabel.toLowerCase()}`} full={full} />}
      >
        <TextInput source="" label={itemLabel} validate={itemValidate} type={email ? 'email' : 'text'} helperText={false} readOnly={readOnly} />
      </SimpleFormIterator>
    </ArrayInput>
  );
};
