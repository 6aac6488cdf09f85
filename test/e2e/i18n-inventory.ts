import { PERMISSION_CATALOGUE } from '../../api/src/authz/catalogue';
import constraints from '../../schema/constraints.json';
import { objectColumns, objectColumnLabel } from '../../admin/src/generator/fields';
import { formInputs } from '../../admin/src/generator/inputs';
import { queryInputs } from '../../admin/src/generator/record';
import { generateViews } from '../../admin/src/generator/resource';
import {
  enumLabel,
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
import { RESOURCES, SINGLETONS } from '../../admin/src/resources/registry';
import { getMutation, getObjectType, getQuery, isResourceType, schema, typeInfo } from '../../admin/src/schema/introspection';
import { humanize } from '../../admin/src/schema/humanize';
import { BATCHES, batchInputs } from '../../admin/src/pages/agents/AgentBatchButtons';

// The console's generated labels, all of them: what the i18n tests check in each language.

/** Every label the generator can produce: the pages of every resource and singleton, their dialogs, tabs, tables and enums. */
export function generateEverything() {
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
      queryInputs(entry, q);
      const item = typeInfo(query.type).name;
      for (const c of objectColumns(item, entry.name)) objectColumnLabel(item, c);
    }
    for (const field of getObjectType(entry.name).fields) {
      const t = typeInfo(field.type);
      if (t.kind === 'OBJECT' && t.list && !isResourceType(t.name)) for (const c of objectColumns(t.name, entry.name)) objectColumnLabel(t.name, c);
    }
  }
  for (const s of SINGLETONS) formInputs(s.mutation, { resource: s.name, ...s.form });
  // The agents' pages: the batch dialogs and the personal center's settings.
  for (const batch of Object.values(BATCHES)) {
    batchInputs(batch);
    const described = getMutation(batch.mutation)?.description;
    if (described) operationDescriptionLabel(batch.mutation, described);
  }
  formInputs('updateMySettings');
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
