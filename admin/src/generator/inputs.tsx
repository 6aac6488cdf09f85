import type { ReactElement, ReactNode } from 'react';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanInput,
  DateTimeInput,
  NullableBooleanInput,
  NumberInput,
  PasswordInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
} from 'react-admin';
import { argConstraints, itemValidatorsFor, listValidatorsFor, validatorsFor } from '../schema/constraints';
import { humanize, relationName } from '../schema/humanize';
import { enumValues, filterTypeOf, getMutation, getObjectType, typeInfo, type IntrospectionInputValue } from '../schema/introspection';
import { findResource } from '../resources/registry';
import { isSecret } from '../schema/secrets';
import { FieldGroup } from './FieldGroup';
import { HiddenInput } from './HiddenInput';
import { byRank, rankOf } from './order';
import { argReference } from './references';
import { representationOf } from './representation';
import { catalogueQueryOf } from './widgets/catalogue';
import { JsonInput } from './widgets/JsonInput';
import { ObjectArrayInput } from './widgets/ObjectArrayInput';
import { PermissionTreeInput } from './widgets/PermissionTreeInput';
import { StringArrayInput } from './widgets/StringArrayInput';
import { ValueReferenceInput } from './widgets/ValueReferenceInput';
import { WritableReferenceInput } from './widgets/WritableReferenceInput';

export interface FormOptions {
  /** Label overrides by argument name. */
  labels?: Record<string, string>;
  /** Arguments sharing a camelCase prefix shown together, e.g. { prefix: 'quota', title: 'Agent quotas' }. */
  groups?: { prefix: string; title: string }[];
  /** Arguments left out of the form. */
  exclude?: string[];
  /** Every input read-only (e.g. without the edit permission). */
  readOnly?: boolean;
  /**
   * Values the form does not ask for (e.g. the customer of a request created from its page):
   * reference pickers are narrowed by them where the target's filter takes the same name
   * (a request picker shows that customer's requests).
   */
  fixed?: Record<string, unknown>;
  /** Argument order, where it matters more than the usual ranks (e.g. old password first). */
  order?: string[];
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
  return new Map(
    getObjectType(result.name)
      .fields.filter((f) => f.description)
      .map((f) => [f.name, f.description!]),
  );
}

/** The values of `fixed` the target resource's list filter understands. */
function narrowing(target: string, fixed: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fixed) return undefined;
  const names = new Set(filterTypeOf(target)?.inputFields.map((f) => f.name) ?? []);
  const filter = Object.fromEntries(Object.entries(fixed).filter(([k, v]) => names.has(k) && v != null));
  return Object.keys(filter).length ? filter : undefined;
}

const toQuery = (q: string) => (q ? { q } : {});

/** One input for one mutation argument: type from the introspection, rules from the constraints. */
export function inputFor(
  mutationName: string,
  arg: IntrospectionInputValue,
  options: FormOptions & { label?: string; helperText?: string } = {},
): ReactElement | null {
  const name = arg.name;
  if (NOT_INPUTS.has(name)) return null;
  if (HIDDEN.has(name)) return <HiddenInput key={name} source={name} />;

  const t = typeInfo(arg.type);
  const c = argConstraints(mutationName, name);
  const reference = argReference(mutationName, name);
  const label = options.label ?? options.labels?.[name] ?? humanize(reference?.by === 'id' ? relationName(name) : name);
  const helperText: string | false = options.helperText ?? false;
  const readOnly = options.readOnly;

  // Lists: each item has the text rules, the list its `maxItems`.
  if (t.list) {
    const listValidate = listValidatorsFor(c);
    if (t.kind === 'INPUT_OBJECT') {
      return (
        <ObjectArrayInput
          key={name}
          source={name}
          label={label}
          inputType={t.name}
          fields={c.fields}
          validate={listValidate}
          helperText={helperText}
          readOnly={readOnly}
        />
      );
    }
    if (reference) {
      return (
        <ReferenceArrayInput
          key={name}
          source={name}
          reference={reference.resource}
          sort={findResource(reference.resource)?.sort}
          filter={narrowing(reference.resource, options.fixed)}
        >
          <AutocompleteArrayInput
            label={label}
            validate={listValidate}
            helperText={helperText}
            readOnly={readOnly}
            optionText={representationOf(reference.resource)}
            filterToQuery={toQuery}
          />
        </ReferenceArrayInput>
      );
    }
    if (t.kind === 'ENUM') {
      return (
        <SelectArrayInput
          key={name}
          source={name}
          label={label}
          validate={listValidate}
          helperText={helperText}
          readOnly={readOnly}
          choices={choicesOf(t.name)}
        />
      );
    }
    if (t.name === 'String') {
      const catalogue = catalogueQueryOf(c);
      if (catalogue) return <PermissionTreeInput key={name} source={name} label={label} query={catalogue} validate={listValidate} readOnly={readOnly} />;
      return (
        <StringArrayInput
          key={name}
          source={name}
          label={label}
          validate={listValidate}
          itemValidate={itemValidatorsFor(c)}
          maxItems={c.maxItems}
          email={c.email}
          helperText={helperText}
          readOnly={readOnly}
        />
      );
    }
    console.warn(`No generated input for the list argument ${mutationName}.${name}`);
    return null;
  }

  const validate = validatorsFor(c, { nonNull: t.nonNull && t.name !== 'Boolean' });
  const common = { source: name, label, validate, helperText, readOnly };

  if (reference && reference.by !== 'id') {
    return <ValueReferenceInput key={name} {...common} reference={reference.resource} by={reference.by} />;
  }
  if (reference && c.pickFrom === 'writable') {
    return <WritableReferenceInput key={name} {...common} reference={reference.resource} nullable={!t.nonNull} nullLabel={c.nullLabel} />;
  }
  if (reference) {
    return (
      <ReferenceInput
        key={name}
        source={name}
        reference={reference.resource}
        sort={findResource(reference.resource)?.sort}
        filter={narrowing(reference.resource, options.fixed)}
      >
        <AutocompleteInput {...common} optionText={representationOf(reference.resource)} filterToQuery={toQuery} />
      </ReferenceInput>
    );
  }
  if (t.kind === 'ENUM') {
    return <SelectInput key={name} {...common} choices={choicesOf(t.name)} />;
  }
  switch (t.name) {
    case 'Boolean':
      // A new record takes the server's default unless the user says otherwise: the schema
      // declares no default for these arguments, so the form offers "Default / Yes / No".
      if (mutationName.startsWith('create') && arg.defaultValue == null) {
        return <NullableBooleanInput key={name} {...common} nullLabel="Default" />;
      }
      return <BooleanInput key={name} {...common} defaultValue={arg.defaultValue != null ? arg.defaultValue === 'true' : undefined} />;
    case 'Int':
      return <NumberInput key={name} {...common} step={1} min={c.min} max={c.max} />;
    case 'Float':
      return <NumberInput key={name} {...common} min={c.min} max={c.max} />;
    case 'DateTimeISO':
      return <DateTimeInput key={name} {...common} />;
    case 'JSONObject':
      return <JsonInput key={name} {...common} />;
    default:
      if (isSecret(name)) return <PasswordInput key={name} {...common} autoComplete="new-password" />;
      return <TextInput key={name} {...common} type={c.email ? 'email' : 'text'} multiline={(c.maxLength ?? 0) > 255} />;
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
  const groupOf = (name: string) => options.groups?.find((g) => name.startsWith(g.prefix) && /^[A-Z]/.test(name.slice(g.prefix.length)));
  const ranked = byRank(
    mutation.args.filter((a) => !exclude.has(a.name)),
    (a) => (groupOf(a.name) ? 'group' : rankOf(a.name, typeInfo(a.type), !!argReference(mutationName, a.name))),
  );
  const order = options.order ?? [];
  const position = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const args = ranked
    .map((a, i) => ({ a, i }))
    .sort((x, y) => position(x.a.name) - position(y.a.name) || x.i - y.i)
    .map((x) => x.a);

  const nodes: ReactNode[] = [];
  const placed = new Set<string>();
  for (const arg of args) {
    const group = groupOf(arg.name);
    if (!group) {
      nodes.push(inputFor(mutationName, arg, { ...options, helperText: helpers.get(arg.name) ?? arg.description ?? undefined }));
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
            helperText: helpers.get(a.name) ?? a.description ?? undefined,
          }),
        )}
      </FieldGroup>,
    );
  }
  return nodes.filter(Boolean);
}
