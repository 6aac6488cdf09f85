import { describe, expect, it } from 'vitest';
import { PERMISSION_CATALOGUE } from '../../api/src/authz/catalogue';
import constraints from '../../schema/constraints.json';
import { objectColumns, objectColumnLabel } from '../../admin/src/generator/fields';
import { formInputs, inputFor } from '../../admin/src/generator/inputs';
import { generateViews } from '../../admin/src/generator/resource';
import { appChinese, appEnglish } from '../../admin/src/i18n/app-messages';
import {
  enumLabel,
  generatedKeys,
  operationConfirmLabel,
  operationDescriptionLabel,
  operationDoneLabel,
  operationLabel,
  permissionLabel,
  publishedText,
  secretLabel,
} from '../../admin/src/i18n/generated';
import { doneMessage } from '../../admin/src/generator/dialogs';
import { isSecret } from '../../admin/src/schema/secrets';
import { generatedChinese } from '../../admin/src/i18n/glossary.zh';
import { i18nProvider } from '../../admin/src/providers/i18nProvider';
import { RESOURCES, SINGLETONS } from '../../admin/src/resources/registry';
import { getMutation, getObjectType, getQuery, isResourceType, schema, typeInfo } from '../../admin/src/schema/introspection';
import { humanize } from '../../admin/src/schema/humanize';

/** Every label the generator can produce: the pages of every resource and singleton, their dialogs, tabs, tables and enums. */
function generateEverything() {
  for (const entry of RESOURCES) {
    generateViews(entry);
    for (const action of entry.actions ?? []) {
      const mutation = getMutation(action.mutation);
      operationLabel(action.mutation, action.label);
      operationDoneLabel(action.mutation, doneMessage(action.mutation));
      if (!mutation) continue;
      formInputs(action.mutation, { resource: entry.name });
      if (action.confirm) operationConfirmLabel(action.mutation, mutation.description ?? action.label);
      else if (mutation.description) operationDescriptionLabel(action.mutation, mutation.description);
      const reply = typeInfo(mutation.type);
      if (reply.kind === 'OBJECT') for (const f of getObjectType(reply.name).fields) if (isSecret(f.name, typeInfo(f.type).name)) secretLabel(f.name);
    }
    for (const q of entry.queries ?? []) {
      const query = getQuery(q);
      if (!query) continue;
      operationLabel(q, humanize(q));
      if (query.description) operationDescriptionLabel(q, query.description);
      for (const arg of query.args) inputFor(q, arg, { resource: entry.name });
      const item = typeInfo(query.type).name;
      for (const c of objectColumns(item, entry.name)) objectColumnLabel(item, c);
    }
    for (const field of getObjectType(entry.name).fields) {
      const t = typeInfo(field.type);
      if (t.kind === 'OBJECT' && t.list && !isResourceType(t.name)) for (const c of objectColumns(t.name, entry.name)) objectColumnLabel(t.name, c);
    }
  }
  for (const s of SINGLETONS) formInputs(s.mutation, { resource: s.name, ...s.form });
  for (const t of schema.types) {
    if (t.kind === 'ENUM' && !t.name.startsWith('__')) for (const v of t.enumValues) enumLabel(t.name, v.name);
  }
  const published = JSON.stringify(constraints).matchAll(/"(?:patternMessage|nullLabel)":"((?:[^"\\]|\\.)*)"/g);
  for (const [, text] of published) publishedText(JSON.parse(`"${text}"`));
  for (const menu of PERMISSION_CATALOGUE) {
    permissionLabel(menu.code, menu.label);
    for (const op of menu.operations) permissionLabel(op.code, op.label);
  }
}

const keysOf = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v as object, `${prefix}${k}.`)));

describe('console messages in two languages', () => {
  it('has the same keys in the English and the Chinese trees of the console', () => {
    expect(keysOf(appChinese).sort()).toEqual(keysOf(appEnglish).sort());
  });

  it('translates every generated label into Chinese', () => {
    generateEverything();
    // Help texts are still the schema's descriptions (English), until the console's own help wording replaces them.
    const missing = generatedKeys().filter((k) => !k.startsWith('help.') && !generatedChinese(k));
    if (process.env.I18N_DUMP) console.log(missing.join('\n'));
    expect(missing).toEqual([]);
  });

  it('resolves a generated label in each language', async () => {
    expect(i18nProvider.translate('resources.Customer.name', { smart_count: 2 })).toBe('Customers');
    await i18nProvider.changeLocale('zh');
    expect(i18nProvider.translate('resources.Customer.name', { smart_count: 2 })).toBe('客户');
    await i18nProvider.changeLocale('en');
  });
});
