import type { ReactElement } from 'react';
import {
  ArrayInput,
  AutocompleteInput,
  BooleanInput,
  ReferenceInput,
  SimpleFormIterator,
  TextInput,
  required,
  useSourceContext,
  type Validator,
} from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { humanize, relationName } from '../../schema/humanize';
import type { FieldConstraint } from '../../../../schema/constraints';
import { getInputObjectType, typeInfo } from '../../schema/introspection';
import { findResource } from '../../resources/registry';
import { representationOf } from '../representation';
import { WritableReferenceInput } from './WritableReferenceInput';

/**
 * Presentation of list-of-input-object arguments, by input type: field labels, and switches
 * that imply others (granting write implies read, so the form says so as the server does).
 */
const INPUT_TYPES: Record<string, { labels?: Record<string, string>; implies?: Record<string, string>; defaults?: Record<string, unknown> }> = {
  OuGrantInput: { labels: { ouId: 'OU', canRead: 'Read', canWrite: 'Write' }, implies: { canWrite: 'canRead' }, defaults: { canRead: true, canWrite: false } },
};

/** A switch of one row that keeps the implications: on → what it implies on; off → what implies it off. */
const ImplyingSwitch = ({
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
const uniqueBy =
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

export interface ObjectArrayProps {
  source: string;
  label: string;
  /** The item input type, e.g. OuGrantInput. */
  inputType: string;
  /** What the server declares for the item type's fields (the argument's published `fields`), e.g. an OU grant's `ouId`. */
  fields?: Record<string, FieldConstraint>;
  validate?: Validator[];
  helperText?: string | false;
  readOnly?: boolean;
}

/**
 * Rows of a `[XxxInput!]` argument (e.g. OU grants): one input per field of the input type,
 * generated like form inputs (a declared reference → its picker, Boolean → switch, text → text).
 */
export const ObjectArrayInput = ({ source, label, inputType, fields: hints = {}, validate = [], helperText = false, readOnly }: ObjectArrayProps) => {
  const type = getInputObjectType(inputType);
  if (!type) return null;
  const presentation = INPUT_TYPES[inputType] ?? {};
  const impliedBy = Object.fromEntries(Object.entries(presentation.implies ?? {}).map(([k, v]) => [v, k]));
  const referenceFields: string[] = [];
  // The picked record first (e.g. the OU), then its values and switches.
  const fields = [...type.inputFields].sort((a, b) => Number(typeInfo(a.type).name !== 'ID') - Number(typeInfo(b.type).name !== 'ID'));
  const inputs: ReactElement[] = fields.map((f) => {
    const t = typeInfo(f.type);
    const fieldLabel = presentation.labels?.[f.name] ?? humanize(relationName(f.name));
    const hint = hints[f.name] ?? {};
    if (hint.reference) {
      referenceFields.push(f.name);
      const nullable = !t.nonNull;
      if (hint.pickFrom === 'writable') {
        return <WritableReferenceInput key={f.name} source={f.name} label={fieldLabel} reference={hint.reference} nullable={nullable} readOnly={readOnly} />;
      }
      return (
        <ReferenceInput key={f.name} source={f.name} reference={hint.reference} sort={findResource(hint.reference)?.sort}>
          <AutocompleteInput
            label={fieldLabel}
            helperText={false}
            readOnly={readOnly}
            optionText={representationOf(hint.reference)}
            validate={nullable ? undefined : required()}
          />
        </ReferenceInput>
      );
    }
    if (t.name === 'Boolean') {
      return (
        <ImplyingSwitch
          key={f.name}
          source={f.name}
          label={fieldLabel}
          implies={presentation.implies?.[f.name]}
          impliedBy={impliedBy[f.name]}
          readOnly={readOnly}
          defaultValue={presentation.defaults?.[f.name]}
        />
      );
    }
    return <TextInput key={f.name} source={f.name} label={fieldLabel} helperText={false} readOnly={readOnly} validate={t.nonNull ? required() : undefined} />;
  });
  const validators = [...validate, ...referenceFields.map((f) => uniqueBy(f, presentation.labels?.[f] ?? humanize(relationName(f))))];
  return (
    <ArrayInput source={source} label={label} validate={validators} helperText={helperText}>
      <SimpleFormIterator inline disableReordering disableClear disableAdd={readOnly} disableRemove={readOnly} getItemLabel={() => ''}>
        {inputs}
      </SimpleFormIterator>
    </ArrayInput>
  );
};
