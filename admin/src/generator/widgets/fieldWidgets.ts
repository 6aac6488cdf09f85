import type { ComponentType } from 'react';
import { AuditActionField, AuditChangesField, AuditPrincipalField, AuditRecordField, RecordTypeField } from './AuditFields';

/** A field shown by a widget rather than by its type; `inline` ones fit a small-screen list's secondary line. */
export interface FieldWidget {
  component: ComponentType<{ source?: string; label?: string; compact?: boolean }>;
  inline: boolean;
}

/** The widgets a registry entry may name for its fields (`widgets: { changes: 'auditChanges' }`). */
export const FIELD_WIDGETS: Record<string, FieldWidget> = {
  auditPrincipal: { component: AuditPrincipalField, inline: true },
  auditAction: { component: AuditActionField, inline: true },
  auditRecord: { component: AuditRecordField, inline: true },
  auditChanges: { component: AuditChangesField, inline: false },
  recordType: { component: RecordTypeField, inline: true },
};
