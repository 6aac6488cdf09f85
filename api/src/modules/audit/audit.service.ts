import type { FilterQuery } from '@mikro-orm/core';
import { scopeFilter, SUBJECTS, type Action, type SubjectName } from '../../authz/ability';
import { escapeLike } from '../../common/sql';
import { TenantCrudService, type RecordAccess } from '../../common/tenant-crud.service';
import { AuditEntry } from '../../common/audit-entry.entity';
import type { AuditEntryFilter } from './audit.inputs';

/**
 * The subject (page) each audit record type belongs to: every guarded subject is its own
 * record type (the kernel audits with it); the few entries written outside the kernel name theirs.
 */
export const recordSubjects = (): Record<string, SubjectName> => ({
  ...Object.fromEntries(Object.keys(SUBJECTS).map((s) => [s, s])),
  Comment: 'CustomerContext',
  CustomerImport: 'Customer',
});

/** The audit log: read-only, each entry readable like the record it describes. */
export class AuditService extends TenantCrudService<AuditEntry, AuditEntryFilter> {
  protected readonly entity = AuditEntry;
  protected readonly label = 'Audit entry';
  protected readonly defaultSort = { at: 'DESC' } as const;

  /**
   * An entry is read like the record it describes: audit:view, plus the view operation of the
   * record's page and read on the OU it was recorded in. Entries of a type nobody declared stay hidden.
   */
  protected override scope(action: Action = 'read'): FilterQuery<AuditEntry> {
    const ability = this.principal.ability;
    // A type whose page the principal may not read gets scopeFilter's match-nothing: none of its entries is readable.
    const readable = Object.entries(recordSubjects()).map(([recordType, subject]) => ({
      $and: [{ recordType }, scopeFilter(ability, 'read', subject, this.ouField)],
    }));
    return { $and: [super.scope(action), { $or: readable }] } as FilterQuery<AuditEntry>;
  }

  protected override snapshot(): never {
    throw new Error('audit entries are never changed');
  }

  /** Entries are never editable, whoever asks. */
  override async access(): Promise<RecordAccess> {
    return { canEdit: false, canDelete: false };
  }

  protected override filterWhere(f: AuditEntryFilter): FilterQuery<AuditEntry>[] {
    const parts: FilterQuery<AuditEntry>[] = [];
    if (f.recordType) parts.push({ recordType: f.recordType });
    if (f.recordId) parts.push({ recordId: f.recordId });
    if (f.principalId) parts.push({ principalId: f.principalId });
    if (f.from) parts.push({ at: { $gte: f.from } });
    if (f.to) parts.push({ at: { $lt: f.to } });
    return parts;
  }

  protected override searchWhere(q: string): FilterQuery<AuditEntry> {
    const like = `%${escapeLike(q)}%`;
    return { $or: [{ operation: { $ilike: like } }, { principalHandle: { $ilike: like } }, { recordType: { $ilike: like } }] };
  }
}
