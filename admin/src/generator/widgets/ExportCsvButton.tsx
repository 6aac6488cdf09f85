import { useState } from 'react';
import DownloadIcon from '@mui/icons-material/GetApp';
import { Button, downloadCSV, useDataProvider, useListContext, useNotify, useTranslate, type DataProvider, type RaRecord } from 'react-admin';
import { enumLabel, resourceNameKey } from '../../i18n/generated';
import type { ResourceEntry } from '../../resources/registry';
import { MAX_PER_PAGE } from '../../schema/constraints';
import { getObjectType, typeInfo } from '../../schema/introspection';
import type { DisplayField } from '../columns';
import { toCsv } from '../csv';
import { representRecord } from '../representation';

/** Every record of the list's filter and sort, page by page (the server serves at most MAX_PER_PAGE a page). */
async function fetchAll(dataProvider: DataProvider, resource: string, filter: Record<string, unknown>, sort: { field: string; order: 'ASC' | 'DESC' }) {
  const records: RaRecord[] = [];
  for (let page = 1; ; page++) {
    const { data, total } = await dataProvider.getList(resource, { pagination: { page, perPage: MAX_PER_PAGE }, sort, filter });
    records.push(...data);
    if (data.length < MAX_PER_PAGE || (total != null && records.length >= total)) return records;
  }
}

/** The names of the records a reference column points at, by id (getMany in pages). */
async function namesOf(dataProvider: DataProvider, reference: string, ids: Set<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const all = [...ids];
  for (let i = 0; i < all.length; i += MAX_PER_PAGE) {
    const { data } = await dataProvider.getMany(reference, { ids: all.slice(i, i + MAX_PER_PAGE) });
    for (const r of data) names.set(String(r.id), representRecord(reference, r));
  }
  return names;
}

/** A value as a spreadsheet reads it, in the console's language: names for references, words for enums and booleans, lists joined. */
function textOf(value: unknown, kind: { enum?: string; boolean: boolean; names?: Map<string, string> }, translate: (key: string) => string): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.map((v) => textOf(v, kind, translate)).join(', ');
  if (kind.names) return kind.names.get(String(value)) ?? String(value);
  if (kind.boolean) return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
  if (kind.enum) return translate(enumLabel(kind.enum, String(value)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Exports the whole filtered list (not only the loaded page) as CSV: one row per record, the
 * list's columns (those the user may read) under their labels, references by their names (an
 * OU by its path), no bookkeeping (`version`, `access`, nested lists). See csv.ts for the file.
 */
export const ExportCsvButton = ({ entry, fields }: { entry: ResourceEntry; fields: readonly DisplayField[] }) => {
  const { filterValues, sort, total, resource } = useListContext();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const types = new Map(getObjectType(entry.name).fields.map((f) => [f.name, typeInfo(f.type)]));

  const run = async () => {
    setBusy(true);
    try {
      const records = await fetchAll(dataProvider, resource, filterValues, sort);
      const columns = await Promise.all(
        fields.map(async (f) => {
          const t = types.get(f.source);
          let names: Map<string, string> | undefined;
          if (f.reference) {
            const ids = new Set(
              records
                .flatMap((r) => (Array.isArray(r[f.source]) ? r[f.source] : [r[f.source]]))
                .filter((v) => v != null)
                .map(String),
            );
            names = await namesOf(dataProvider, f.reference, ids);
          }
          return { source: f.source, kind: { enum: t?.kind === 'ENUM' ? t.name : undefined, boolean: t?.name === 'Boolean', names } };
        }),
      );
      const csv = await toCsv(
        fields.map((f) => translate(f.label)),
        records.map((r) => columns.map((c) => textOf(r[c.source], c.kind, translate))),
      );
      downloadCSV(csv, translate(resourceNameKey(entry.name), { smart_count: 2 }));
    } catch (error) {
      notify(error instanceof Error ? error.message : 'app.export.failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button label="ra.action.export" onClick={run} disabled={busy || total === 0}>
      <DownloadIcon />
    </Button>
  );
};
