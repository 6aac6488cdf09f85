import type { MouseEvent } from 'react';
import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { resourceNameKey } from '../../i18n/generated';
import { auditActionText, auditRecordType, findResource, SINGLETONS, typeLabel, type AnyRecord } from '../../resources/registry';
import { getQuery } from '../../schema/introspection';
import { representRecord } from '../representation';
import { fieldLabel, isStoredSecret, readableValue, referencesIn, secretChange, valueWords } from './readableValues';
import { useRecordTitles, type RecordRef, type Title } from './titles';

/**
 * An audit entry read by a person (issue 9, defect 8): who (the principal's name and account),
 * what (an action in words), which record (its title, a link to its page when readable) and its
 * change set as a before/after table of readable values. Entries record ids; titles come from
 * one `recordTitles` query per page, each record named only when the user may read it.
 */

type Change = { before: unknown; after: unknown };
type Changes = Record<string, Change>;

const PRINCIPAL_TYPES: Record<string, string> = { employee: 'Employee', client: 'ApiClient' };

const principalRef = (r: AnyRecord): RecordRef | undefined => {
  const type = PRINCIPAL_TYPES[String(r.principalKind)];
  return type && r.principalId ? { type, id: String(r.principalId) } : undefined;
};

const recordRef = (r: AnyRecord): RecordRef => ({ type: auditRecordType(r), id: String(r.recordId) });

const changesOf = (r: AnyRecord | undefined): Changes => (r?.changes && typeof r.changes === 'object' ? (r.changes as Changes) : {});

/** The record as its change set left it (before, for a deletion): what names it once it is gone. */
const snapshotOf = (changes: Changes, side: 'before' | 'after') => Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v?.[side]]));

/** "Nora North (demo.north)"; the account alone when the user may not read the person; "System" for the platform. */
export const AuditPrincipalField = (_: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const ref = record ? principalRef(record) : undefined;
  const titles = useRecordTitles(ref ? [ref] : []);
  if (!record) return null;
  const handle = String(record.principalHandle ?? '');
  if (record.principalKind === 'platform') return <Typography variant="body2">{translate('app.audit.system')}</Typography>;
  const name = ref ? titles.get(`${ref.type}:${ref.id}`) : null;
  return (
    <Typography variant="body2" component="span" data-audit="principal">
      {name && name !== handle ? `${name} (${handle})` : handle}
    </Typography>
  );
};

export const AuditActionField = (_: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" data-audit="action">
      {auditActionText(record, translate)}
    </Typography>
  );
};

export const RecordTypeField = (_: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.recordType) return null;
  return (
    <Typography variant="body2" component="span">
      {typeLabel(auditRecordType(record), translate)}
    </Typography>
  );
};

/** Where a record of a type opens: its page, or the singleton page of the type (the tenant's parameters). */
function usePathOf() {
  const createPath = useCreatePath();
  return (ref: RecordRef): string | undefined => {
    if (findResource(ref.type) && getQuery(ref.type)) return createPath({ resource: ref.type, id: ref.id, type: 'show' });
    return SINGLETONS.find((s) => s.name === `My${ref.type}`)?.path;
  };
}

/** The record's title, linked to its page; a deleted one by the title its last values give; "Hidden" when the user may not read it. */
export const AuditRecordField = (_: { source?: string; label?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const ref = record ? recordRef(record) : undefined;
  const titles = useRecordTitles(ref ? [ref] : []);
  const pathOf = usePathOf();
  if (!record || !ref) return null;
  const words = valueWords(translate);
  const singleton = SINGLETONS.find((s) => s.name === `My${ref.type}`);
  const title: Title | undefined = singleton ? translate(resourceNameKey(singleton.name), { smart_count: 1 }) : titles.get(`${ref.type}:${ref.id}`);
  const changes = changesOf(record);
  const remembered = representRecord(ref.type, snapshotOf(changes, record.action === 'deleted' ? 'before' : 'after'));
  if (title === undefined && !singleton && findResource(ref.type)) return <Typography variant="body2">{words.loading}</Typography>;
  if (!title) {
    const text = record.action === 'deleted' && remembered ? remembered : findResource(ref.type) ? words.hidden : typeLabel(ref.type, translate);
    return (
      <Typography variant="body2" component="span" color={text === words.hidden ? 'text.secondary' : undefined} data-audit="record">
        {text}
      </Typography>
    );
  }
  const to = pathOf(ref);
  if (!to) return <Typography variant="body2">{title}</Typography>;
  return (
    <Link to={to} onClick={(e: MouseEvent) => e.stopPropagation()} data-audit="record">
      {title}
    </Link>
  );
};

/** The change set: in a list the changed fields' labels, on the entry's page a before/after table of readable values. */
export const AuditChangesField = ({ compact }: { source?: string; label?: string; compact?: boolean }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const type = record ? auditRecordType(record) : '';
  const changes = changesOf(record);
  const label = (field: string) => fieldLabel(type, field, translate);
  const fields = Object.keys(changes).sort((a, b) => label(a).localeCompare(label(b)));
  const refs = compact ? [] : fields.flatMap((f) => [...referencesIn(type, f, changes[f]?.before), ...referencesIn(type, f, changes[f]?.after)]);
  const titles = useRecordTitles(refs);
  const words = valueWords(translate);
  if (!fields.length) return <Typography variant="body2">{compact ? words.none : translate('app.audit.no_changes')}</Typography>;
  if (compact) return <Typography variant="body2">{fields.map(label).join(translate('app.list_separator'))}</Typography>;
  return (
    <Table size="small" data-source="changes" aria-label={translate('app.changes.title')} sx={{ width: 'auto', minWidth: 480 }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('app.changes.field')}</TableCell>
          <TableCell>{translate('app.changes.before')}</TableCell>
          <TableCell>{translate('app.changes.after')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map((field) => {
          const change = changes[field]!;
          const shown = isStoredSecret(field, change.before, change.after)
            ? secretChange(change.before, change.after, words)
            : {
                before: readableValue(type, field, change.before, titles, translate, words),
                after: readableValue(type, field, change.after, titles, translate, words),
              };
          return (
            <TableRow key={field}>
              <TableCell sx={{ fontWeight: 500 }}>{label(field)}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', color: 'text.secondary' }}>{shown.before}</TableCell>
              <TableCell sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{shown.after}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
