import type { ModuleManifest } from '../../common/module';
import { AuditEntryFieldsResolver, AuditEntryResolver } from './audit.resolver';

/** The audit log's reading side (entries are written by the kernel, common/audit.writer.ts). */
export const auditModule: ModuleManifest = { name: 'audit', entities: [], resolvers: [AuditEntryResolver, AuditEntryFieldsResolver] };
