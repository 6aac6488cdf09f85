import { GraphQLJSONObject } from 'graphql-scalars';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import { can } from '../../authz/principal';
import { scopeCovers } from '../../authz/scope';
import { ListSize } from '../../base/list-size';
import { createReadResolver } from '../../common/crud';
import type { Context } from '../../base/context';
import { AuditEntry } from '../../common/audit-entry.entity';
import { AuditEntryFilter } from './audit.inputs';
import { AuditService, recordSubjects } from './audit.service';

export const AuditEntryResolver = createReadResolver({
  name: 'AuditEntry',
  type: AuditEntry,
  filter: AuditEntryFilter,
  service: (ctx) => new AuditService(ctx),
});

@Resolver(() => AuditEntry)
export class AuditEntryFieldsResolver {
  /** What the record type filter offers: the types whose entries the caller may read (their page's view operation). */
  @Requires(permissionFor('AuditEntry', 'read'))
  @ListSize(64)
  @Query(() => [String], { description: 'The record types of the audit entries the caller may read, sorted (the values of the recordType filter)' })
  auditRecordTypes(@Ctx() ctx: Context): string[] {
    return Object.entries(recordSubjects())
      .filter(([, subject]) => can(ctx.principal!, permissionFor(subject, 'read')))
      .map(([type]) => type)
      .sort();
  }

  /** Values are copied as they were; an OU id among them that the reader may not read reads as null. */
  @FieldResolver(() => GraphQLJSONObject, { description: '{ field: { before, after } }; secrets masked, OUs outside your scope as null' })
  changes(@Root() entry: AuditEntry, @Ctx() ctx: Context): Record<string, unknown> {
    const principal = ctx.principal!;
    const tenantOus = new Set(principal.tenantOuIds);
    const hide = (value: unknown): unknown => {
      if (typeof value === 'string') return tenantOus.has(value) && !scopeCovers(principal.scope, 'read', value) ? null : value;
      if (Array.isArray(value)) return value.map(hide);
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v)]));
      return value;
    };
    return hide(entry.changes) as Record<string, unknown>;
  }
}
