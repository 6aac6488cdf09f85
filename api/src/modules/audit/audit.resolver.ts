import { createReadResolver } from '../../common/crud';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryFilter } from './audit.inputs';
import { AuditService } from './audit.service';

export const AuditEntryResolver = createReadResolver({
  name: 'AuditEntry',
  type: AuditEntry,
  filter: AuditEntryFilter,
  subject: 'AuditEntry',
  service: (ctx) => new AuditService(ctx),
});
