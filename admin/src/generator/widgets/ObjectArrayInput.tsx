import type { ReactNode } from 'react';
import { ArrayInput, BooleanInput, SimpleFormIterator, useSourceContext, useTranslate, type Validator } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { AddRowButton } from './AddRowButton';

/** A switch of one row that keeps the implications: on → what it implies on; off → what implies it off. */
export const ImplyingSwitch = ({
  source,
  label,
  implies,
  impliedBy,
  readOnly,
  defaultValue,
}: {
  source: string;
  label: string;
  implies?: string;
  impliedBy?: string;
  readOnly?: boolean;
  defaultValue?: unknown;
}) => {
  const { getSource } = useSourceContext();
  const { setValue } = useFormContext();
  return (
    <BooleanInput
      source={source}
      label={label}
      helperText={false}
      readOnly={readOnly}
      defaultValue={defaultValue ?? false}
      onChange={(event: { target: { checked: boolean } }) => {
        const on = event.target.checked;
        if (on && implies) setValue(getSource(implies), true, { shouldDirty: true });
        if (!on && impliedBy) setValue(getSource(impliedBy), false, { shouldDirty: true });
      }}
    />
  );
};

/**
 * A switch of one row that at most one row of its list has on (an agent's default skill queue):
 * turning it on turns it off in the other rows.
 */
export const ExclusiveSwitch = ({ source, label, readOnly }: { source: string; label: string; readOnly?: boolean }) => {
  const { getSource } = useSourceContext();
  const { getValues, setValue } = useFormContext();
  return (
    <BooleanInput
      source={source}
      label={label}
      helperText={false}
      readOnly={readOnly}
      defaultValue={false}
      onChange={(event: { target: { checked: boolean } }) => {
        if (!event.target.checked) return;
        // `skills.2.isDefault`: the list is `skills`, this row the third.
        const [, list, row] = /^(.*)\.(\d+)\.[^.]+$/.exec(getSource(source)) ?? [];
        if (!list) return;
        const rows = (getValues(list) as unknown[] | undefined) ?? [];
        rows.forEach((_, i) => {
          if (String(i) !== row) setValue(`${list}.${i}.${source}`, false, { shouldDirty: true });
        });
      }}
    />
  );
};

/** No two rows may name the same reference (e.g. one grant per OU); `message` is a translation key. */
export const uniqueBy =
  (field: string, message: string): Validator =>
  (value: unknown) => {
    if (!Array.isArray(value)) return undefined;
    const seen = new Set<unknown>();
    for (const row of value as Record<string, unknown>[]) {
      const v = row?.[field];
      if (v == null) continue;
      if (seen.has(v)) return message;
      seen.add(v);
    }
    return undefined;
  };

/** "OU grant" stays, "Workday segment" → "workday segment": the label after "Add". */
const lowerFirst = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

export interface ObjectArrayProps {
  source: string;
  /** The list's label and one row's (translation keys: "OU grants", "OU grant"). */
  label: string;
  itemLabel: string;
  /** The inputs of one row, generated from the item type's fields (each with its `source` and `defaultValue`, which a new row takes). */
  children: ReactNode;
  validate?: Validator[];
  helperText?: string | false;
  readOnly?: boolean;
  /** One line per row (short rows, e.g. an OU grant or a time segment); rows holding lists of their own stack their inputs. */
  inline?: boolean;
}

/**
 * Rows of a `[XxxInput!]` argument or field (OU grants, work-time segments and exceptions), with
 * add and remove. The rows' inputs are generated like any other form input (see inputs.tsx);
 * server errors on `workTime.workdaySegments.2.start` show under that row's input.
 */
export const ObjectArrayInput = ({ source, label, itemLabel, children, validate = [], helperText = false, readOnly, inline = true }: ObjectArrayProps) => {
  const translate = useTranslate();
  return (
    <ArrayInput source={source} label={label} validate={validate} helperText={helperText}>
      <SimpleFormIterator
        inline={inline}
        disableReordering
        disableClear
        disableAdd={readOnly}
        disableRemove={readOnly}
        getItemLabel={() => ''}
        addButton={<AddRowButton label={translate('app.form.add_item', { item: lowerFirst(translate(itemLabel)) })} />}
      >
        {children}
      </SimpleFormIterator>
    </ArrayInput>
  );
};
