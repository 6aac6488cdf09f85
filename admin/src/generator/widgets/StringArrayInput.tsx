import { ArrayInput, SimpleFormIterator, TextInput, useTranslate, useWrappedSource, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { AddRowButton } from './AddRowButton';

export interface StringArrayProps {
  source: string;
  /** The list's label and one item's (translation keys: "Phones", "Phone"). */
  label: string;
  itemLabel: string;
  /** Rules on the list (maxItems). */
  validate?: Validator[];
  /** Rules on each item (length, pattern, e-mail). */
  itemValidate?: Validator[];
  maxItems?: number;
  email?: boolean;
  helperText?: string | false;
  readOnly?: boolean;
}

/**
 * A repeatable text input for a `[String!]` argument: one row per item with the per-item rules
 * of constraints.json, and no "Add" once `maxItems` rows exist.
 */
export const StringArrayInput = ({ source, label, itemLabel, validate, itemValidate, maxItems, email, helperText, readOnly }: StringArrayProps) => {
  const translate = useTranslate();
  const path = useWrappedSource(source);
  const value = useWatch({ name: path }) as unknown[] | undefined;
  const values = Array.isArray(value) ? value : [];
  const count = values.length;
  const full = maxItems != null && count >= maxItems;
  return (
    <ArrayInput
      source={source}
      label={label}
      validate={validate}
      helperText={
        maxItems != null ? `${helperText ? `${translate(helperText)} · ` : ''}${translate('app.form.count_of_max', { count, max: maxItems })}` : helperText
      }
    >
      <SimpleFormIterator
        inline
        disableReordering
        disableClear
        disableAdd={readOnly}
        disableRemove={readOnly}
        getItemLabel={() => ''}
        addButton={
          <AddRowButton label={translate('app.form.add_item', { item: translate(itemLabel).toLowerCase() })} full={full} path={path} values={values} />
        }
      >
        <TextInput source="" label={itemLabel} validate={itemValidate} type={email ? 'email' : 'text'} helperText={false} readOnly={readOnly} />
      </SimpleFormIterator>
    </ArrayInput>
  );
};
