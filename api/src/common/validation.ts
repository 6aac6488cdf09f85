import { Matches, ValidateIf, getMetadataStorage, validate, type ValidationError } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { badInput, type FieldErrors } from '../base/errors';
import type { FieldConstraint } from '../../../schema/constraints';

/**
 * For update arguments of non-nullable columns: an omitted argument means "unchanged", but an
 * explicit null is validated (and rejected) like any other value.
 */
export const Omittable = () => ValidateIf((_object: Record<string, unknown>, value: unknown) => value !== undefined);

/** A required text must hold something besides white space (published to the console as a pattern). */
export const NotBlank = () => Matches(/\S/, { message: 'Must not be blank' });

/** Flattens class-validator errors into `{ field: message }` (first message per field). */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const key = prefix ? `${prefix}.${error.property}` : error.property;
    const first = error.constraints && Object.values(error.constraints)[0];
    if (first) fields[key] = first;
    if (error.children?.length) Object.assign(fields, toFieldErrors(error.children, key));
  }
  return fields;
}

/** Validates an input object with the constraints declared on its class; throws BAD_USER_INPUT. */
export async function validateInput(input: object): Promise<void> {
  const errors = await validate(input, { forbidUnknownValues: false, skipMissingProperties: false });
  if (errors.length) throw badInput(toFieldErrors(errors));
}

/**
 * type-graphql hook: every @Args / @Arg value goes through the same validation. Text and dates
 * PostgreSQL cannot store are refused before this, for every argument, by `guardArgumentsIn` (arg-guard.ts).
 */
export const validateArgs: ValidatorFn = async (value) => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) await validateInput(value);
};

/** What an argument declares for the console beyond its limits: what it points at and how it is picked. */
type Hint = Pick<
  FieldConstraint,
  | 'reference'
  | 'referenceField'
  | 'pickFrom'
  | 'nullLabel'
  | 'widget'
  | 'options'
  | 'filterBy'
  | 'filterValues'
  | 'shownWhen'
  | 'passwordPolicy'
  | 'spanDays'
  | 'refines'
>;

const hintTargets = new Map<Function, Record<string, Hint>>();

/** On a property, getter or field resolver (keyed by its name), or on an `@Arg` parameter (keyed `method(index)`). */
type HintDecorator = (target: object, property: string | symbol | undefined, indexOrDescriptor?: number | PropertyDescriptor) => void;

function hint(value: Hint): HintDecorator {
  return (target, property, indexOrDescriptor) => {
    const key = typeof indexOrDescriptor === 'number' ? `${String(property)}(${indexOrDescriptor})` : String(property);
    const map = hintTargets.get(target.constructor) ?? {};
    // Conditions stack (`@ShownWhen('type', …) @ShownWhen('queuingMethod', …)`: both must hold).
    const shownWhen = value.shownWhen ? { ...map[key]?.shownWhen, ...value.shownWhen } : map[key]?.shownWhen;
    map[key] = { ...map[key], ...value, ...(shownWhen ? { shownWhen } : {}) };
    hintTargets.set(target.constructor, map);
  };
}

export interface RefersToOptions {
  /** The field of the target whose value is stored instead of its id (e.g. an address option's `value`). */
  field?: string;
  /** `write`: only records the caller may write may be picked (placing a record in an OU needs write there). */
  scope?: 'write';
  /** What null means for this argument, e.g. "Unorganized" or "None (top level)". */
  nullLabel?: string;
  /** The field error for a value that names nothing in the caller's scope (default "<resource> not found"). */
  notFound?: (value: string) => string;
  /**
   * Which targets a picker offers, by the form's values: `{ type: 'type' }` offers only targets
   * whose list filter `type` equals the form's `type` (a field of the same input object, else of
   * the one around it); `{ type: 'accessCodeId.mediaType' }` the `mediaType` of the record the
   * form's `accessCodeId` names. Presentation only: the server checks the rule itself.
   */
  filterBy?: Record<string, string>;
  /**
   * Per filter of `filterBy`, the filter value each form value stands for, when they differ: an
   * agent's type → the media class of the queues it takes (`{ mediaClass: { AUDIO: 'VOICE_VIDEO' } }`).
   * A form value not listed narrows nothing.
   */
  filterValues?: Record<string, Record<string, string>>;
}

const notFoundMessages = new Map<Function, Record<string, (value: string) => string>>();

/** The field error an argument of a class (or of a class it extends) gives when its reference is not found. */
export function notFoundMessageOf(cls: Function, name: string): ((value: string) => string) | undefined {
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const message = notFoundMessages.get(c)?.[name];
    if (message) return message;
  }
  return undefined;
}

/**
 * Marks an argument as pointing at another resource, so the console renders a picker: by id
 * (`…Id` arguments), or by the value of `field` (e.g. an address stored as the option's value).
 * On a field of an object type or a filter (an entity's id getter, a field resolver), on an
 * `@Arg` parameter of a query: which resource the id names, published in constraints.json.
 */
export function RefersTo(resource: string, fieldOrOptions: string | RefersToOptions = {}): HintDecorator {
  const o: RefersToOptions = typeof fieldOrOptions === 'string' ? { field: fieldOrOptions } : fieldOrOptions;
  const published = hint({
    reference: resource,
    ...(o.field ? { referenceField: o.field } : {}),
    ...(o.scope === 'write' ? { pickFrom: 'writable' as const } : {}),
    ...(o.nullLabel ? { nullLabel: o.nullLabel } : {}),
    ...(o.filterBy ? { filterBy: o.filterBy } : {}),
    ...(o.filterValues ? { filterValues: o.filterValues } : {}),
  });
  return (target, property, indexOrDescriptor) => {
    published(target, property, indexOrDescriptor);
    if (o.notFound) notFoundMessages.set(target.constructor, { ...notFoundMessages.get(target.constructor), [String(property)]: o.notFound });
  };
}

/** Marks an argument as edited with a widget of the console, whose choices come from the query `options` (e.g. the permission tree). */
export const EditedWith = (widget: NonNullable<FieldConstraint['widget']>, options: { options: string }): PropertyDecorator =>
  hint({ widget, options: options.options });

/**
 * Marks an argument (or a field of an input object) as meaningful only while another field of the
 * same input object (else of the one around it) holds one of `values`, e.g.
 * `@ShownWhen('type', ['MULTIMEDIA'])` on a queue's subtypes or `@ShownWhen('chatbotEnabled', [true])`.
 * Several stack: all must hold. The console hides the input otherwise and does not send its value
 * (omitted: unchanged, or the default on create). Presentation only: the server checks the rule itself.
 */
export const ShownWhen = (field: string, values: readonly (string | number | boolean)[]): PropertyDecorator => hint({ shownWhen: { [field]: [...values] } });

/**
 * Marks a password argument (or `@Arg` parameter) as checked against the password policy
 * (identity/password.ts, published as `passwordPolicy`): the console lists the rules under the
 * input and checks them as the user types. `account` names the form field holding the account
 * the password must differ from; without it, the signed-in user's own.
 */
export const FollowsPasswordPolicy = (options: { account?: string } = {}): HintDecorator => hint({ passwordPolicy: options });

/**
 * Marks a time argument whose earliest value is a tenant parameter's number of days ago
 * (`contactHistory(from)` and `contactRecordSpanDays`): the console says how far back it reaches.
 */
export const WithinTenantDays = (parameter: string): HintDecorator => hint({ spanDays: parameter });

/**
 * Marks a boolean filter field as refining another filter field (`includeSubOus` refines
 * `ouId`): the console shows it beside that filter, as a switch starting at `initial`.
 */
export const Refines = (field: string, initial: boolean): HintDecorator => hint({ refines: { field, initial } });

/** Hints declared on a class and on the classes it extends (parameters' under `method(index)`). */
export function hintsOf(cls: Function): Record<string, Hint> {
  const chain: Function[] = [];
  for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  return Object.assign({}, ...chain.map((c) => hintTargets.get(c) ?? {}));
}

/** Reads the class-validator declarations of an input class into a serialisable form. */
export function constraintsOf(cls: Function): Record<string, FieldConstraint> {
  const result: Record<string, FieldConstraint> = {};
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const field = (name: string) => (result[name] ??= {});
  for (const meta of metas) {
    const c = field(meta.propertyName);
    const args = meta.constraints ?? [];
    if (meta.each) c.each = true;
    switch (meta.name) {
      case 'isLength':
        c.minLength = args[0];
        if (args[1] !== undefined) c.maxLength = args[1];
        break;
      case 'minLength':
        c.minLength = args[0];
        break;
      case 'maxLength':
        c.maxLength = args[0];
        break;
      case 'min':
        c.min = args[0];
        break;
      case 'max':
        c.max = args[0];
        break;
      case 'matches':
        c.pattern = (args[0] as RegExp).source;
        if (typeof meta.message === 'string') c.patternMessage = meta.message;
        break;
      case 'arrayMaxSize':
        c.maxItems = args[0];
        break;
      case 'isEmail':
        c.email = true;
        break;
      case 'isInt':
        c.integer = true;
        break;
    }
  }
  for (const [name, declared] of Object.entries(hintsOf(cls))) Object.assign(field(name), declared);
  // minLength >= 1 on a value (not on each item of a list) means the console must require it.
  for (const c of Object.values(result)) if (c.minLength && c.minLength > 0 && !c.each) c.required = true;
  return sortKeys(result);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
