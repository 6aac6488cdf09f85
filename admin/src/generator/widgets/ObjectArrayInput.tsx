import type { ReactNode } from 'react';
import { ArrayInput, BooleanInput, SimpleFormIterator, useSourceContext, type Validator } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { AddRowButton, singular } from './AddRowButton';

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

/** No two rows may name the same reference (e.g. one grant per OU). */
export const uniqueBy =
  (field: string, label: string): Validator =>
  (value: unknown) => {
    if (!Array.isArray(value)) return undefined;
    const seen = new Set<unknown>();
    for (const row of value as Record<string, unknown>[]) {
      const v = row?.[field];
      if (v == null) continue;
      if (seen.has(v)) return `Each ${label} may be given only once`;
      seen.add(v);
    }
    return undefined;
  };

/** "OU grant" stays, "Workday segment" → "workday segment": the label after "Add". */
const lowerFirst = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

export interface ObjectArrayProps {
  source: string;
  label: string;
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
export const ObjectArrayInput = ({ source, label, children, validate = [], helperText = false, readOnly, inline = true }: ObjectArrayProps) => (
  <ArrayInput source={source} label={label} validate={validate} helperText={helperText}>
    <SimpleFormIterator
      inline={inline}
      disableReordering
      disableClear
      disableAdd={readOnly}
      disableRemove={readOnly}
      getItemLabel={() => ''}
      addButton={<AddRowButton label={`Add ${lowerFirst(singular(label))}`} />}
    >
      {children}
    </SimpleFormIterator>
  </ArrayInput>
);
