import type { FilterQuery } from '@mikro-orm/core';
import { escapeLike } from '../../common/sql';
import { TenantCrudService, type RecordAccess } from '../../common/tenant-crud.service';
import { AuditEntry } from './audit-entry.entity';
import type { AuditEntryFilter } from './audit.inputs';

/** The audit log: read-only, scoped by the OU each entry was recorded in. */
export class AuditService extends TenantCrudService<AuditEntry, AuditEntryFilter> {
  protected readonly entity = AuditEntry;
  protected readonly subject = 'AuditEntry' as const;
  protected readonly label = 'Audit entry';
  protected readonly sortable = ['at', 'recordType', 'operation', 'principalHandle'] as const;
  protected readonly defaultSort = { at: 'DESC' } as const;
  protected override readonly ouField = 'ouId';

  protected ouOf(entry: AuditEntry): string | null {
    return entry.ouId ?? null;
  }

  protected snapshot(): never {
    throw new Error('audit entries are never changed');
  }

  /** Entries are never editable, whoever asks. */
  override async access(): Promise<RecordAccess> {
    return { canEdit: false, canDelete: false };
  }

  protected filterWhere(f: AuditEntryFilter): FilterQuery<AuditEntry>[] {
    const parts: FilterQuery<AuditEntry>[] = [];
    if (f.recordType) parts.push({ recordType: f.recordType });
    if (f.recordId) parts.push({ recordId: f.recordId });
    if (f.principalId) parts.push({ principalId: f.principalId });
    if (f.from) parts.push({ at: { $gte: f.from } });
    if (f.to) parts.push({ at: { $lt: f.to } });
    return parts;
  }

  protected searchWhere(q: string): FilterQuery<AuditEntry> {
    const like = `%${escapeLike(q)}%`;
    return { $or: [{ operation: { $ilike: like } }, { principalHandle: { $ilike: like } }, { recordType: { $ilike: like } }] };
  }
}
