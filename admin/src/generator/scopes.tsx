import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useSourceContext } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { FieldConstraint } from '../../../schema/constraints';
import { getInputObjectType, getMutation } from '../schema/introspection';

/**
 * The input objects an input sits in (a queue's `onBusy`, a work time's third segment), innermost
 * last, each with the names of its fields and where they are in the form. A name in a declared
 * condition or filter (`shownWhen`, `filterBy`) is a field of the same input object, else of the
 * one around it, else of the form itself: this is how the console finds it.
 */
interface Scope {
  names: ReadonlySet<string>;
  getSource: (name: string) => string;
}

const ScopeContext = createContext<readonly Scope[]>([]);

/** Declares the fields of the input object its children edit (inside the source context that prefixes them). */
export const InputScope = ({ inputType, children }: { inputType: string; children: ReactNode }) => {
  const outer = useContext(ScopeContext);
  const { getSource } = useSourceContext();
  const scopes = useMemo(() => {
    const names = new Set(getInputObjectType(inputType)?.inputFields.map((f) => f.name) ?? []);
    return [...outer, { names, getSource }];
  }, [outer, getSource, inputType]);
  return <ScopeContext.Provider value={scopes}>{children}</ScopeContext.Provider>;
};

/** Where a named field is in the form, seen from the current input object. */
export function useFormPaths(names: readonly string[]): string[] {
  const scopes = useContext(ScopeContext);
  return names.map((name) => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.names.has(name)) return scopes[i]!.getSource(name);
    return name;
  });
}

export type Condition = NonNullable<FieldConstraint['shownWhen']>;

/** Whether a declared condition holds for the values of its fields (in the condition's key order). */
export const holds = (when: Condition, values: readonly unknown[]): boolean =>
  Object.values(when).every((allowed, i) => (allowed as unknown[]).includes(values[i] as never));

/**
 * Renders its input only while the server's `shownWhen` holds for the form's current values.
 * `source` and `defaultValue` are its input's, for a list's new rows (react-admin reads them off its children).
 */
export const ShownWhen = ({ when, children }: { when: Condition; source?: string; defaultValue?: unknown; children: ReactNode }) => {
  const paths = useFormPaths(Object.keys(when));
  const values = useWatch({ name: paths }) as unknown[];
  return holds(when, values) ? children : null;
};

/** An input object's values and the names of its declared fields, for resolving a condition's names. */
interface ValueScope {
  names: ReadonlySet<string>;
  values: Record<string, unknown>;
}

function valueIn(name: string, scopes: readonly ValueScope[]): unknown {
  for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.names.has(name)) return scopes[i]!.values[name];
  return scopes[0]?.values[name];
}

function visibleIn(
  values: Record<string, unknown>,
  names: ReadonlySet<string>,
  fields: Record<string, FieldConstraint>,
  typeOf: (name: string) => string | undefined,
  outer: readonly ValueScope[],
): Record<string, unknown> {
  const scopes = [...outer, { names, values }];
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const c = fields[name];
    if (
      c?.shownWhen &&
      !holds(
        c.shownWhen,
        Object.keys(c.shownWhen).map((n) => valueIn(n, scopes)),
      )
    )
      continue;
    const inputType = typeOf(name);
    const inner = inputType ? getInputObjectType(inputType) : undefined;
    if (inner && c?.fields && value && typeof value === 'object') {
      const innerNames = new Set(inner.inputFields.map((f) => f.name));
      const innerType = (n: string) => inputTypeOf(inner.inputFields.find((f) => f.name === n)?.type);
      const visit = (v: unknown) => (v && typeof v === 'object' ? visibleIn(v as Record<string, unknown>, innerNames, c.fields!, innerType, scopes) : v);
      result[name] = Array.isArray(value) ? value.map(visit) : visit(value);
      continue;
    }
    result[name] = value;
  }
  return result;
}

function inputTypeOf(ref: { kind: string; name?: string; ofType?: unknown } | undefined): string | undefined {
  let t = ref as { kind: string; name?: string; ofType?: unknown } | undefined;
  while (t && (t.kind === 'NON_NULL' || t.kind === 'LIST')) t = t.ofType as typeof t;
  return t?.kind === 'INPUT_OBJECT' ? t.name : undefined;
}

/**
 * The values of a mutation's form without those of inputs the form hides (their `shownWhen`
 * does not hold), at every depth: what the user does not see is not sent, so it stays as stored
 * (or takes its default on create), e.g. a chatbot's texts while it is off.
 */
export function visibleValues(mutationName: string, data: Record<string, unknown>, constraints: Record<string, FieldConstraint>): Record<string, unknown> {
  const args = getMutation(mutationName)?.args ?? [];
  const names = new Set(args.map((a) => a.name));
  return visibleIn(data, names, constraints, (n) => inputTypeOf(args.find((a) => a.name === n)?.type), []);
}
