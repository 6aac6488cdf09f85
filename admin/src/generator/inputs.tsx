import type { ReactElement, ReactNode } from 'react';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanInput,
  DateTimeInput,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
} from 'react-admin';
import { argConstraints, validatorsFor } from '../schema/constraints';
import { humanize, relationName } from '../schema/humanize';
import { enumValues, getMutation, getObjectType, typeInfo, type IntrospectionInputValue } from '../schema/introspection';
import { findResource } from '../resources/registry';
import { FieldGroup } from './FieldGroup';
import { HiddenInput } from './HiddenInput';
import { byRank, rankOf } from './order';
import { representationOf } from './representation';

export interface FormOptions {
  /** Label overrides by argument name. */
  labels?: Record<string, string>;
  /** Arguments sharing a camelCase prefix shown together, e.g. { prefix: 'quota', title: 'Agent quotas' }. */
  groups?: { prefix: string; title: string }[];
  /** Arguments left out of the form. */
  exclude?: string[];
  /** Every input read-only (e.g. without the edit permission). */
  readOnly?: boolean;
}

/** Arguments that are never user inputs: the record id (from the route) and the version (hidden). */
const NOT_INPUTS = new Set(['id']);
const HIDDEN = new Set(['version']);

const choicesOf = (enumName: string) => enumValues(enumName).map((v) => ({ id: v, name: humanize(v) }));

/** Field descriptions of the mutation's result type document the same-named arguments. */
function helperTexts(mutationName: string): Map<string, string> {
  const mutation = getMutation(mutationName);
  if (!mutation) return new Map();
  const result = typeInfo(mutation.type);
  if (result.kind !== 'OBJECT') return new Map();
  return new Map(getObjectType(result.name).fields.filter((f) => f.description).map((f) => [f.name, f.description!]));
}

/** One input for one mutation argument: type from the introspection, rules from the constraints. */
export function inputFor(mutationName: string, arg: IntrospectionInputValue, options: FormOptions & { label?: string; helperText?: string } = {}): ReactElement | null {
  const name = arg.name;
  if (NOT_INPUTS.has(name)) return null;
  if (HIDDEN.has(name)) return <HiddenInput key={name} source={name} />;

  const t = typeInfo(arg.type);
  const c = argConstraints(mutationName, name);
  const validate = validatorsFor(c, { nonNull: t.nonNull && t.name !== 'Boolean' });
  const label = options.label ?? options.labels?.[name] ?? humanize(c.reference ? relationName(name) : name);
  const common = { source: name, label, validate, helperText: options.helperText ?? false, readOnly: options.readOnly };

  if (c.reference) {
    const ref = findResource(c.reference);
    const optionText = representationOf(c.reference);
    const filterToQuery = (q: string) => (q ? { q } : {});
    return t.list ? (
      <ReferenceArrayInput key={name} source={name} reference={c.reference} sort={ref?.sort}>
        <AutocompleteArrayInput {...common} optionText={optionText} filterToQuery={filterToQuery} />
      </ReferenceArrayInput>
    ) : (
      <ReferenceInput key={name} source={name} reference={c.reference} sort={ref?.sort}>
        <AutocompleteInput {...common} optionText={optionText} filterToQuery={filterToQuery} />
      </ReferenceInput>
    );
  }
  if (t.kind === 'ENUM') {
    return t.list ? <SelectArrayInput key={name} {...common} choices={choicesOf(t.name)} /> : <SelectInput key={name} {...common} choices={choicesOf(t.name)} />;
  }
  if (t.list) {
    console.warn(`No generated input for the list argument ${mutationName}.${name}`);
    return null;
  }
  switch (t.name) {
    case 'Boolean':
      return <BooleanInput key={name} {...common} />;
    case 'Int':
      return <NumberInput key={name} {...common} step={1} min={c.min} max={c.max} />;
    case 'Float':
      return <NumberInput key={name} {...common} min={c.min} max={c.max} />;
    case 'DateTimeISO':
      return <DateTimeInput key={name} {...common} />;
    default:
      return (
        <TextInput
          key={name}
          {...common}
          type={c.email ? 'email' : 'text'}
          multiline={(c.maxLength ?? 0) > 255}
        />
      );
  }
}

/**
 * The inputs of a form, one per argument of a mutation (createX / updateX / updateMyTenant):
 * naming field first, then references, values, groups and switches (see order.ts).
 */
export function formInputs(mutationName: string, options: FormOptions = {}): ReactNode[] {
  const mutation = getMutation(mutationName);
  if (!mutation) throw new Error(`No mutation ${mutationName} in the schema`);
  const helpers = helperTexts(mutationName);
  const exclude = new Set(options.exclude ?? []);
  const groupOf = (name: string) =>
    options.groups?.find((g) => name.startsWith(g.prefix) && /^[A-Z]/.test(name.slice(g.prefix.length)));
  const args = byRank(
    mutation.args.filter((a) => !exclude.has(a.name)),
    (a) => (groupOf(a.name) ? 'group' : rankOf(a.name, typeInfo(a.type).name, !!argConstraints(mutationName, a.name).reference)),
  );

  const nodes: ReactNode[] = [];
  const placed = new Set<string>();
  for (const arg of args) {
    const group = groupOf(arg.name);
    if (!group) {
      nodes.push(inputFor(mutationName, arg, { ...options, helperText: helpers.get(arg.name) }));
      continue;
    }
    if (placed.has(group.prefix)) continue;
    placed.add(group.prefix);
    const members = args.filter((a) => groupOf(a.name) === group);
    nodes.push(
      <FieldGroup key={`group:${group.prefix}`} title={group.title}>
        {members.map((a) =>
          inputFor(mutationName, a, {
            ...options,
            label: options.labels?.[a.name] ?? humanize(a.name.slice(group.prefix.length)),
            helperText: helpers.get(a.name),
          }),
        )}
      </FieldGroup>,
    );
  }
  return nodes.filter(Boolean);
}
