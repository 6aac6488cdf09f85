import { Fragment, useMemo, type ReactElement, type ReactNode } from 'react';
import type { IntrospectionTypeRef } from 'graphql';
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
  SourceContextProvider,
  TextInput,
  useSourceContext,
} from 'react-admin';
import type { FieldConstraint } from '../../../schema/constraints';
import { argConstraints, itemValidatorsFor, listValidatorsFor, mutationConstraints, validatorsFor } from '../schema/constraints';
import { humanize, relationName } from '../schema/humanize';
import { argLabel, enumLabel, itemLabel, publishedText, typeFieldLabel, uniqueRowMessage } from '../i18n/generated';
import { enumValues, filterTypeOf, getInputObjectType, getMutation, typeInfo, type IntrospectionInputValue } from '../schema/introspection';
import { findResource, INPUT_TYPES, type InputTypeEntry } from '../resources/registry';
import { helpFor } from '../resources/wording';
import { isSecret } from '../schema/secrets';
import { FieldGroup } from './FieldGroup';
import { HiddenInput } from './HiddenInput';
import { byRank, inPageOrder, rankOf, type Rank } from './order';
import { argReference, declaredReference } from './references';
import { InputScope, ShownWhen } from './scopes';
import { representationOf } from './representation';
import { catalogueQueryOf } from './widgets/catalogue';
import { JsonInput } from './widgets/JsonInput';
import { PolicyPasswordInput } from './widgets/PolicyPasswordInput';
import { optionProps } from './widgets/RecordOption';
import { FilteredReferenceInput, type FilterSource } from './widgets/FilteredReferenceInput';
import { ExclusiveSwitch, ImplyingSwitch, ObjectArrayInput, uniqueBy } from './widgets/ObjectArrayInput';
import { PermissionTreeInput } from './widgets/PermissionTreeInput';
import { StringArrayInput } from './widgets/StringArrayInput';
import { ValueReferenceInput } from './widgets/ValueReferenceInput';
import { singular } from './widgets/AddRowButton';
import { WritableReferenceInput } from './widgets/WritableReferenceInput';

export interface FormOptions {
  /** The resource whose field labels the arguments take (by default X of createX / updateX, else the operation's own). */
  resource?: string;
  /** Label overrides by argument name (English; the generated label's text). */
  labels?: Record<string, string>;
  /** Arguments sharing a camelCase prefix shown together, e.g. { prefix: 'quota', title: 'Agent quotas' }. */
  groups?: { prefix: string; title: string }[]; // title: a translation key
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
  /** The record page's fields in their order: a resource's form follows it (see inPageOrder). */
  page?: readonly { source: string; rank: Rank }[];
  /** Shown right after an argument's input, by argument name (an agent type's quota usage). */
  beside?: Record<string, ReactNode>;
}

/** Arguments that are never user inputs: the record id (from the route) and the version (hidden). */
const NOT_INPUTS = new Set(['id']);
const HIDDEN = new Set(['version']);

const choicesOf = (enumName: string) => enumValues(enumName).map((v) => ({ id: v, name: enumLabel(enumName, v) }));

/** The values of `fixed` the target resource's list filter understands. */
function narrowing(target: string, fixed: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fixed) return undefined;
  const names = new Set(filterTypeOf(target)?.inputFields.map((f) => f.name) ?? []);
  const filter = Object.fromEntries(Object.entries(fixed).filter(([k, v]) => names.has(k) && v != null));
  return Object.keys(filter).length ? filter : undefined;
}

const toQuery = (q: string) => (q ? { q } : {});

/** What an input edits: a mutation argument, or a field of an input object (a handler's target, a segment's start). */
interface FieldSpec {
  name: string;
  type: IntrospectionTypeRef;
  description?: string | null;
  defaultValue?: string | null;
}

/** Where an input sits: its mutation, and the declarations of the input object around it (the arguments at the top). */
interface Place {
  mutationName: string;
  siblings: Record<string, FieldConstraint>;
  /** Inside an input object: switches are plain (a row or group has no server default to keep). */
  nested: boolean;
  /** The input object the input is a field of (labels are that type's), none for a top-level argument. */
  inputType?: string;
  presentation: InputTypeEntry;
}

type InputOptions = FormOptions & { label?: string; helperText?: string | false };

/** The narrowings of a reference's `filterBy`: a form field, or a field of the record a form field names (`accessCodeId.mediaType`), each through its `filterValues`. */
function filterSources(c: FieldConstraint, place: Place): FilterSource[] {
  return Object.entries(c.filterBy ?? {}).flatMap(([filter, path]) => {
    const [field, read] = path.split('.') as [string, string | undefined];
    const values = c.filterValues?.[filter];
    if (!read) return [{ filter, field, values }];
    const resource = (place.siblings[field] ?? argConstraints(place.mutationName, field)).reference;
    return resource ? [{ filter, field, values, via: { resource, field: read } }] : [];
  });
}

/** The inputs of an input object's fields (a handler, a segment), in the presentation's order, else by rank. */
function fieldInputs(inputType: string, fields: Record<string, FieldConstraint>, mutationName: string, options: InputOptions, inRow: boolean) {
  const type = getInputObjectType(inputType);
  if (!type) return [];
  const presentation = INPUT_TYPES[inputType] ?? {};
  const order = presentation.order ?? [];
  const position = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const ranked = byRank([...type.inputFields], (f) => rankOf(f.name, typeInfo(f.type), !!fields[f.name]?.reference));
  const sorted = ranked
    .map((f, i) => ({ f, i }))
    .sort((x, y) => position(x.f.name) - position(y.f.name) || x.i - y.i)
    .map((x) => x.f);
  const place: Place = { mutationName, siblings: fields, nested: true, inputType, presentation };
  return sorted.map((f) => {
    const input = generatedInput(f, fields[f.name] ?? {}, place, {
      resource: options.resource,
      readOnly: options.readOnly,
      helperText: inRow ? false : (helpFor(inputType, f.name) ?? false),
    });
    return { field: f, input };
  });
}

/** A single input object (a queue's `onBusy`): its fields as a titled group, their sources under the argument's. */
const NestedInput = ({
  source,
  label,
  inputType,
  stacked,
  children,
}: {
  source: string;
  label: string;
  inputType: string;
  stacked: boolean;
  children: ReactNode;
}) => {
  const parent = useSourceContext();
  const context = useMemo(
    () => ({ getSource: (s: string) => parent.getSource(`${source}.${s}`), getLabel: (s: string) => parent.getLabel(`${source}.${s}`) }),
    [parent, source],
  );
  return (
    <FieldGroup title={label} stacked={stacked}>
      <SourceContextProvider value={context}>
        <InputScope inputType={inputType}>{children}</InputScope>
      </SourceContextProvider>
    </FieldGroup>
  );
};

/** An input of a row (its source and default are what a new row takes), knowing the row's other fields. */
const RowField = ({ inputType, children }: { inputType: string; source: string; defaultValue?: unknown; children: ReactNode }) => (
  <InputScope inputType={inputType}>{children}</InputScope>
);

const hasLists = (inputType: string) => !!getInputObjectType(inputType)?.inputFields.some((f) => typeInfo(f.type).list);

/** One input for one mutation argument (or input object field): type from the introspection, rules and hints from the constraints. */
function generatedInput(spec: FieldSpec, c: FieldConstraint, place: Place, options: InputOptions): ReactElement | null {
  const input = plainInput(spec, c, place, options);
  if (!input || !c.shownWhen) return input;
  return (
    <ShownWhen key={spec.name} source={spec.name} when={c.shownWhen}>
      {input}
    </ShownWhen>
  );
}

function plainInput(spec: FieldSpec, c: FieldConstraint, place: Place, options: InputOptions): ReactElement | null {
  const name = spec.name;
  const t = typeInfo(spec.type);
  const reference = declaredReference(c, t.name);
  const english = options.labels?.[name] ?? place.presentation.labels?.[name] ?? humanize(reference?.by === 'id' ? relationName(name) : name);
  const label =
    options.label ?? (place.inputType ? typeFieldLabel(place.inputType, name, english) : argLabel(place.mutationName, name, english, options.resource));
  const helperText: string | false = options.helperText ?? false;
  const readOnly = options.readOnly;

  // Lists: each item has the text rules, the list its `maxItems`.
  if (t.list) {
    const listValidate = listValidatorsFor(c);
    if (t.kind === 'INPUT_OBJECT') {
      const items = fieldInputs(t.name, c.fields ?? {}, place.mutationName, options, true);
      const presentation = INPUT_TYPES[t.name] ?? {};
      const unique = items
        .filter(({ field }) => c.fields?.[field.name]?.reference)
        .map(({ field }) => {
          const english = presentation.labels?.[field.name] ?? humanize(relationName(field.name));
          return uniqueBy(field.name, uniqueRowMessage(typeFieldLabel(t.name, field.name, english), english));
        });
      return (
        <ObjectArrayInput
          key={name}
          source={name}
          label={label}
          itemLabel={itemLabel(label, singular(english))}
          validate={[...listValidate, ...unique]}
          helperText={helperText}
          readOnly={readOnly}
          inline={!hasLists(t.name)}
        >
          {items
            .filter(({ input }) => input)
            .map(({ field, input }) => (
              <RowField
                key={field.name}
                inputType={t.name}
                source={field.name}
                defaultValue={presentation.defaults?.[field.name] ?? (typeInfo(field.type).name === 'Boolean' ? false : undefined)}
              >
                {input}
              </RowField>
            ))}
        </ObjectArrayInput>
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
          itemLabel={itemLabel(label, singular(english))}
          validate={listValidate}
          itemValidate={itemValidatorsFor(c)}
          maxItems={c.maxItems}
          email={c.email}
          helperText={helperText}
          readOnly={readOnly}
        />
      );
    }
    console.warn(`No generated input for the list ${place.mutationName}.${name}`);
    return null;
  }

  if (t.kind === 'INPUT_OBJECT') {
    const items = fieldInputs(t.name, c.fields ?? {}, place.mutationName, options, false);
    return (
      <NestedInput key={name} source={name} label={label} inputType={t.name} stacked={hasLists(t.name)}>
        {items.map(({ input }) => input)}
      </NestedInput>
    );
  }

  const validate = validatorsFor(c, { nonNull: t.nonNull && t.name !== 'Boolean' });
  const common = { source: name, label, validate, helperText, readOnly };

  if (reference && reference.by !== 'id') {
    return <ValueReferenceInput key={name} {...common} reference={reference.resource} by={reference.by} />;
  }
  if (reference && c.pickFrom === 'writable') {
    const nullLabel = c.nullLabel ? publishedText(c.nullLabel) : undefined;
    return <WritableReferenceInput key={name} {...common} reference={reference.resource} nullable={!t.nonNull} nullLabel={nullLabel} />;
  }
  if (reference) {
    const picker = <AutocompleteInput {...common} {...optionProps(reference.resource)} filterToQuery={toQuery} />;
    const props = {
      source: name,
      reference: reference.resource,
      sort: findResource(reference.resource)?.sort,
      filter: narrowing(reference.resource, options.fixed),
    };
    const sources = filterSources(c, place);
    if (sources.length) {
      return (
        <FilteredReferenceInput key={name} {...props} filterBy={sources}>
          {picker}
        </FilteredReferenceInput>
      );
    }
    return (
      <ReferenceInput key={name} {...props}>
        {picker}
      </ReferenceInput>
    );
  }
  if (t.kind === 'ENUM') {
    return <SelectInput key={name} {...common} choices={choicesOf(t.name)} emptyText={place.presentation.unsetLabel} />;
  }
  switch (t.name) {
    case 'Boolean': {
      if (place.nested && place.presentation.unsetLabel) {
        return <NullableBooleanInput key={name} {...common} nullLabel={place.presentation.unsetLabel} />;
      }
      if (place.nested && place.presentation.exclusive?.includes(name)) {
        return <ExclusiveSwitch key={name} source={name} label={label} readOnly={readOnly} />;
      }
      if (place.nested) {
        const implies = place.presentation.implies ?? {};
        const impliedBy = Object.entries(implies).find(([, v]) => v === name)?.[0];
        const defaultValue = place.presentation.defaults?.[name] ?? false;
        if (implies[name] || impliedBy) {
          return (
            <ImplyingSwitch
              key={name}
              source={name}
              label={label}
              implies={implies[name]}
              impliedBy={impliedBy}
              readOnly={readOnly}
              defaultValue={defaultValue}
            />
          );
        }
        return <BooleanInput key={name} {...common} defaultValue={defaultValue} />;
      }
      // A switch, on create as on edit: a new record's switch starts where the server's default
      // (published as `default`) puts it. Only without a known default may it stay unset.
      const initial = c.default ?? (spec.defaultValue != null ? spec.defaultValue === 'true' : undefined);
      if (place.mutationName.startsWith('create') && initial === undefined) {
        return <NullableBooleanInput key={name} {...common} nullLabel="app.form.default" />;
      }
      return <BooleanInput key={name} {...common} defaultValue={initial} />;
    }
    case 'Int':
      return <NumberInput key={name} {...common} step={1} min={c.min} max={c.max} />;
    case 'Float':
      return <NumberInput key={name} {...common} min={c.min} max={c.max} />;
    case 'DateTimeISO':
      return <DateTimeInput key={name} {...common} />;
    case 'JSONObject':
      return <JsonInput key={name} {...common} />;
    default:
      if (c.passwordPolicy) return <PolicyPasswordInput key={name} {...common} account={c.passwordPolicy.account} />;
      if (isSecret(name)) return <PasswordInput key={name} {...common} autoComplete="new-password" />;
      return <TextInput key={name} {...common} type={c.email ? 'email' : 'text'} multiline={(c.maxLength ?? 0) > 255} />;
  }
}

/** One input for one argument of a mutation (or, for a query's form, of a query). */
export function inputFor(mutationName: string, arg: IntrospectionInputValue, options: InputOptions = {}): ReactElement | null {
  const name = arg.name;
  if (NOT_INPUTS.has(name)) return null;
  if (HIDDEN.has(name)) return <HiddenInput key={name} source={name} />;
  const siblings = mutationConstraints(mutationName);
  return generatedInput(arg, argConstraints(mutationName, name), { mutationName, siblings, nested: false, presentation: {} }, options);
}

/**
 * Conditional arguments right after the arguments their condition names (a queue's subtypes after
 * its type, a chatbot's texts after its switch), in their order; the others keep theirs.
 */
function afterConditions<T extends { name: string }>(args: T[], conditionOf: (name: string) => string[]): T[] {
  const names = new Set(args.map((a) => a.name));
  const placed: T[] = args.filter((a) => !conditionOf(a.name).some((n) => names.has(n)));
  let waiting = args.filter((a) => !placed.includes(a));
  const lastAfter = new Map<string, string>();
  while (waiting.length) {
    const ready = waiting.filter((a) => conditionOf(a.name).every((n) => !names.has(n) || placed.some((p) => p.name === n)));
    if (!ready.length) return [...placed, ...waiting];
    for (const a of ready) {
      const anchors = conditionOf(a.name).filter((n) => names.has(n));
      const anchor = anchors.reduce((best, n) => (placed.findIndex((p) => p.name === n) > placed.findIndex((p) => p.name === best) ? n : best));
      const after = lastAfter.get(anchor) ?? anchor;
      placed.splice(placed.findIndex((p) => p.name === after) + 1, 0, a);
      lastAfter.set(anchor, a.name);
    }
    waiting = waiting.filter((a) => !ready.includes(a));
  }
  return placed;
}

/**
 * The inputs of a form, one per argument of a mutation (createX / updateX / updateMyTenant):
 * naming field first, then references, values, groups and switches (see order.ts).
 */
export function formInputs(mutationName: string, options: FormOptions = {}): ReactNode[] {
  const mutation = getMutation(mutationName);
  if (!mutation) throw new Error(`No mutation ${mutationName} in the schema`);
  const exclude = new Set(options.exclude ?? []);
  const groupOf = (name: string) => options.groups?.find((g) => name.startsWith(g.prefix) && /^[A-Z]/.test(name.slice(g.prefix.length)));
  const rank = (a: IntrospectionInputValue): Rank => (groupOf(a.name) ? 'group' : rankOf(a.name, typeInfo(a.type), !!argReference(mutationName, a.name)));
  const shown = mutation.args.filter((a) => !exclude.has(a.name));
  const ranked = options.page ? inPageOrder(shown, (a) => a.name, rank, options.page) : byRank(shown, rank);
  const order = options.order ?? [];
  const position = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const args = afterConditions(
    ranked
      .map((a, i) => ({ a, i }))
      .sort((x, y) => position(x.a.name) - position(y.a.name) || x.i - y.i)
      .map((x) => x.a),
    (name) => Object.keys(argConstraints(mutationName, name).shownWhen ?? {}),
  );

  const nodes: ReactNode[] = [];
  const placed = new Set<string>();
  for (const arg of args) {
    const group = groupOf(arg.name);
    if (!group) {
      nodes.push(inputFor(mutationName, arg, { ...options, helperText: helpFor(mutationName, arg.name) }));
      if (options.beside?.[arg.name]) nodes.push(<Fragment key={`beside:${arg.name}`}>{options.beside[arg.name]}</Fragment>);
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
            label: argLabel(mutationName, a.name, options.labels?.[a.name] ?? humanize(a.name.slice(group.prefix.length)), options.resource),
            helperText: helpFor(mutationName, a.name),
          }),
        )}
      </FieldGroup>,
    );
  }
  return nodes.filter(Boolean);
}
