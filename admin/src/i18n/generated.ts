import { humanize } from '../schema/humanize';

/**
 * The labels the generator derives from the schema and the registry (resource names, field and
 * argument labels, enum values, operation names), by translation key. The generator names each
 * label by its key and gives its English text here, exactly what it showed before the console had
 * languages; other languages translate the key (see glossary.zh.ts). The i18n provider reads
 * these when a key has no message of its own, so every generated label goes through it.
 */
const english = new Map<string, string>();

/** Records the English text of a generated label (the first one a key gets stays) and returns its key. */
export function generatedLabel(key: string, text: string): string {
  if (!english.has(key)) english.set(key, text);
  return key;
}

/** The English text of a generated label, if the generator produced that key. */
export const generatedEnglish = (key: string): string | undefined => english.get(key);

/** Every generated key produced so far (the pages generated at start-up, the dialogs opened since). */
export const generatedKeys = (): string[] => [...english.keys()];

/** A field of a resource (also the same-named argument of its forms and filters): `resources.Customer.fields.ouId`. */
export const fieldLabel = (resource: string, field: string, text: string) => generatedLabel(`resources.${resource}.fields.${field}`, text);

/** A field of an input or object type that is not a resource (an OU grant's `canRead`, a segment's `start`). */
export const typeFieldLabel = (type: string, field: string, text: string) => generatedLabel(`types.${type}.fields.${field}`, text);

/** The name of a type that is not a resource (a table of contact records). */
export const typeNameLabel = (type: string, text: string) => generatedLabel(`types.${type}.name`, text);

/** An argument of an operation no resource owns: `operations.changePassword.args.newPassword`. */
export const operationArgLabel = (operation: string, arg: string, text: string) => generatedLabel(`operations.${operation}.args.${arg}`, text);

/** An enum value, humanised in English: `enums.MediaType.WEB` → "Web". */
export const enumLabel = (enumName: string, value: string) => generatedLabel(`enums.${enumName}.${value}`, humanize(value));

/** The key of react-admin's name of a resource, "singular |||| plural" (menu, titles, empty lists): translate with `smart_count`. */
export const resourceNameKey = (resource: string) => `resources.${resource}.name`;

/**
 * A resource's name and its notifications (react-admin's `resources.X.notifications.*`, "Customer
 * created |||| 3 customers created"); `one` and `many` are its registry labels.
 */
export function resourceLabels(resource: string, one: string, many: string): void {
  generatedLabel(resourceNameKey(resource), `${one} |||| ${many}`);
  const lower = many.toLowerCase();
  for (const event of ['created', 'updated', 'deleted']) {
    generatedLabel(`resources.${resource}.notifications.${event}`, `${one} ${event} |||| %{smart_count} ${lower} ${event}`);
  }
}

/** A singleton page's name (one form) and its "saved" notification ("Tenant parameters saved"). */
export function singletonLabels(name: string, label: string): void {
  generatedLabel(resourceNameKey(name), label);
  generatedLabel(`resources.${name}.notifications.saved`, `${label} saved`);
}

/** The label of an operation run from a button (a record action, a tab of a record query). */
export const operationLabel = (operation: string, text: string) => generatedLabel(`operations.${operation}.label`, text);

/** An operation's description (its schema description until the console has its own wording), shown in its dialog or tab. */
export const operationDescriptionLabel = (operation: string, text: string) => generatedLabel(`operations.${operation}.description`, text);

/** The question asked before running an operation without inputs. */
export const operationConfirmLabel = (operation: string, text: string) => generatedLabel(`operations.${operation}.confirm`, text);

/** The label of a secret in an operation's reply ("Client secret"). */
export const secretLabel = (name: string) => generatedLabel(`secrets.${name}`, humanize(name));

/** What an operation did, in words ("Activity moved"). */
export const operationDoneLabel = (operation: string, text: string) => generatedLabel(`operations.${operation}.done`, text);

/** The field labels of a form: of its resource when it has one (createX, updateX, a record action), else of the operation. */
export function argLabel(operation: string, arg: string, text: string, resource?: string): string {
  const owner = resource ?? /^(?:create|update|delete)([A-Z]\w*)$/.exec(operation)?.[1];
  return owner ? fieldLabel(owner, arg, text) : operationArgLabel(operation, arg, text);
}

/**
 * The help under an input: `help.<operation or input type>.<argument>`, in English the schema's
 * description until the console has its own wording for it.
 */
export const helpLabel = (owner: string, name: string, text: string) => generatedLabel(`help.${owner}.${name}`, text);

/** "Each OU may be given only once": the rows of a list may not repeat the value of the field labelled `labelKey`. */
export const uniqueRowMessage = (labelKey: string, label: string) => generatedLabel(`validation.unique.${labelKey}`, `Each ${label} may be given only once`);

/** A text the server publishes for the console to show (a pattern's message, what null means), in English as published. */
export const publishedText = (text: string) => generatedLabel(`published.${text}`, text);

/** A permission of the server's catalogue, by code, under the label the server gives it. */
export const permissionLabel = (code: string, text: string) => generatedLabel(`permissions.${code}`, text);

/** One item of a list input ("Phone" of "Phones"), under the list's label key. */
export const itemLabel = (listLabelKey: string, text: string) => generatedLabel(`${listLabelKey}.item`, text);
