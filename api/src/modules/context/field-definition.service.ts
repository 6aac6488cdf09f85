import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CrudService } from '../../common/crud';
import { applyArgs } from '../../common/fields';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { badInput, type FieldErrors } from '../../base/errors';
import { Tenant } from '../../common/tenant.entity';
import { CreateActivityFieldDefinitionArgs, type FieldDefinitionFilter, UpdateActivityFieldDefinitionArgs } from './context.inputs';
import { ActivityFieldDefinition, FieldType } from './field-definition.entity';

/** The tenant's activity field definitions: the schema of Activity.fields. */
export class FieldDefinitionService
  extends TenantCrudService<ActivityFieldDefinition, FieldDefinitionFilter>
  implements CrudService<ActivityFieldDefinition, FieldDefinitionFilter, CreateActivityFieldDefinitionArgs, UpdateActivityFieldDefinitionArgs>
{
  protected readonly entity = ActivityFieldDefinition;
  protected readonly label = 'Field definition';
  protected readonly defaultSort = { key: 'ASC' } as const;
  protected override readonly titleField = 'key';

  create(input: CreateActivityFieldDefinitionArgs): Promise<ActivityFieldDefinition> {
    return this.write('create', null, async (em) => {
      const d = em.create(ActivityFieldDefinition, { tenant: em.getReference(Tenant, this.principal.tenantId), key: input.key, type: input.type });
      return this.apply(em, d, input, CreateActivityFieldDefinitionArgs);
    });
  }

  update(input: UpdateActivityFieldDefinitionArgs): Promise<ActivityFieldDefinition> {
    return this.write('update', input, (em, d) => this.apply(em, d!, input, UpdateActivityFieldDefinitionArgs));
  }

  /** The arguments as the kernel applies them; a cleared label is the key again. */
  private async apply(em: EntityManager, d: ActivityFieldDefinition, input: object, args: Function): Promise<ActivityFieldDefinition> {
    await applyArgs(em, d, input, args);
    d.label ||= d.key;
    return d;
  }

  protected override async flush(em: EntityManager, d: ActivityFieldDefinition): Promise<void> {
    try {
      await em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw badInput({ key: `A field "${d.key}" is already defined` });
      throw e;
    }
  }
}

/**
 * Checks an activity's fields against the definitions: known keys only, values of the declared
 * type, required ones present. Errors are reported per field as `fields.<key>`.
 */
export async function checkActivityFields(em: EntityManager, tenantId: string, fields: Record<string, unknown>): Promise<Record<string, unknown>> {
  const definitions = await em.find(ActivityFieldDefinition, { tenant: tenantId });
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(fields)) {
    const d = byKey.get(key);
    if (!d) errors[`fields.${key}`] = `"${key}" is not a defined activity field`;
    else if (value !== null) {
      const problem = typeProblem(d, value);
      if (problem) errors[`fields.${key}`] = problem;
    }
  }
  for (const d of definitions)
    if (d.required && (fields[d.key] === undefined || fields[d.key] === null || fields[d.key] === '')) errors[`fields.${d.key}`] = `"${d.label}" is required`;
  if (Object.keys(errors).length) throw badInput(errors);
  return fields;
}

function typeProblem(d: ActivityFieldDefinition, value: unknown): string | null {
  switch (d.type) {
    case FieldType.STRING:
      if (typeof value !== 'string') return `"${d.label}" must be text`;
      return value.length > d.maxLength ? `"${d.label}" must be at most ${d.maxLength} characters` : null;
    case FieldType.NUMBER:
      return typeof value === 'number' && Number.isFinite(value) ? null : `"${d.label}" must be a number`;
    case FieldType.BOOLEAN:
      return typeof value === 'boolean' ? null : `"${d.label}" must be true or false`;
    case FieldType.DATE:
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : `"${d.label}" must be a date (YYYY-MM-DD)`;
  }
}
