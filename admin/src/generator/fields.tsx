import type { ReactNode } from 'react';
import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import {
  BooleanField,
  ChipField,
  RecordContextProvider,
  ReferenceArrayField,
  ReferenceField,
  SingleFieldList,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { fieldConstraints } from '../schema/constraints';
import { humanize, relationName } from '../schema/humanize';
import { enumLabel, fieldLabel, publishedText, typeFieldLabel, typeNameLabel } from '../i18n/generated';
import { LocaleDateField, LocaleNumberField } from '../i18n/fields';
import { enumValues, getObjectType, leafFields, typeInfo } from '../schema/introspection';
import { findResource } from '../resources/registry';
import { byRank, rankOf } from './order';
import { referenceOf } from './references';
import { useMayRead } from './readable';
import { representationOf } from './representation';

/** How every empty value reads, in lists, pages and tables alike. */
export const EMPTY = '—';

/**
 * What an empty reference reads as: what null means for it where it is set (its published
 * `nullLabel`, "Unorganized" for an OU), the same words as in the forms; else the empty mark.
 */
export function nullLabelOf(typeName: string, field: string): string {
  const nullLabel = fieldConstraints(typeName, field).nullLabel;
  // A translation key (fields translate their emptyText).
  return nullLabel ? publishedText(nullLabel) : EMPTY;
}

/** A `[String!]` value as chips (phones, e-mails, tags). */
export const StringListField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext();
  const values = Array.isArray(record?.[source]) ? (record[source] as unknown[]) : [];
  if (!values.length) return <Typography variant="body2">{EMPTY}</Typography>;
  return (
    <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 0.5 }} data-source={source}>
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, never reordered, whose values may repeat
        <Chip key={i} size="small" label={String(v)} />
      ))}
    </Box>
  );
};

/** `[ID!]` references (e.g. an employee's roles) as chips naming the records. */
export const ReferenceChipsField = ({ source, reference }: { source: string; reference: string; label?: string }) => (
  <ReferenceArrayField source={source} reference={reference} emptyText={EMPTY}>
    <SingleFieldList linkType={false}>
      <ChipField source={typeof representationOf(reference) === 'string' ? (representationOf(reference) as string) : 'id'} size="small" />
    </SingleFieldList>
  </ReferenceArrayField>
);

/** A `JSONObject` value (an activity's fields) as indented JSON; in a list, the keys only. */
export const JsonField = ({ source, compact }: { source: string; label?: string; compact?: boolean }) => {
  const record = useRecordContext();
  const value = record?.[source] as Record<string, unknown> | null | undefined;
  if (!value || typeof value !== 'object' || !Object.keys(value).length) return <Typography variant="body2">{EMPTY}</Typography>;
  if (compact) return <Typography variant="body2">{Object.keys(value).join(', ')}</Typography>;
  return (
    <Box component="pre" data-source={source} sx={{ m: 0, fontSize: 13, fontFamily: 'monospace', whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 2)}
    </Box>
  );
};

/** One cell of an object row: references named, enums humanised, dates and booleans formatted. */
function cellFor(typeName: string, fieldName: string): ReactNode {
  const field = getObjectType(typeName).fields.find((f) => f.name === fieldName)!;
  const t = typeInfo(field.type);
  const reference = referenceOf(typeName, field);
  if (reference)
    return (
      <ReferenceField source={fieldName} reference={reference} link={findResource(reference) ? 'show' : false} emptyText={nullLabelOf(typeName, fieldName)} />
    );
  if (t.list) return <StringListField source={fieldName} />;
  if (t.name === 'Boolean') return <BooleanField source={fieldName} TrueIcon={CheckIcon} FalseIcon={null} />;
  if (t.name === 'Int' || t.name === 'Float') return <LocaleNumberField source={fieldName} emptyText={EMPTY} />;
  if (t.name.startsWith('DateTime')) return <LocaleDateField source={fieldName} showTime emptyText={EMPTY} />;
  if (t.kind === 'ENUM') return <EnumText source={fieldName} enumName={t.name} />;
  return <TextField source={fieldName} emptyText={EMPTY} />;
}

const EnumText = ({ source, enumName }: { source: string; enumName: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const v = record?.[source];
  return <Typography variant="body2">{v == null ? EMPTY : translate(enumLabel(enumName, String(v)))}</Typography>;
};

/** Columns of an object type shown in a table: leaf fields, no bookkeeping, no link back to the parent record. */
export function objectColumns(typeName: string, parentType?: string): string[] {
  const fields = leafFields(typeName).filter((f) => {
    if (['id', 'version', 'createdAt', 'updatedAt'].includes(f.name)) return false;
    if (parentType && referenceOf(typeName, f) === parentType) return false;
    return true;
  });
  // In a table of events the time reads first (non-null times, e.g. startedAt, before endedAt).
  const timeFirst = (f: (typeof fields)[number]) => (typeInfo(f.type).name.startsWith('DateTime') ? (typeInfo(f.type).nonNull ? 0 : 1) : 2);
  const ranked = byRank(fields, (f) => rankOf(f.name, typeInfo(f.type), !!referenceOf(typeName, f)));
  return ranked
    .map((f, i) => ({ f, i }))
    .sort((a, b) => timeFirst(a.f) - timeFirst(b.f) || a.i - b.i)
    .map(({ f }) => f.name);
}

/** The label key of a column of a table of objects (its English: the override, else the field's name humanised). */
export const objectColumnLabel = (itemType: string, name: string, labels?: Record<string, string>) =>
  typeFieldLabel(itemType, name, labels?.[name] ?? humanize(referenceOf(itemType, { name }) ? relationName(name) : name));

/**
 * A list of objects that are not resources of their own (OU grants, contact records, comments)
 * as a table generated from the object type's fields.
 */
export const ObjectListField = ({
  source,
  itemType,
  parentType,
  labels,
  rows: rowsProp,
  emptyText = 'app.none',
}: {
  source?: string;
  label?: string;
  itemType: string;
  parentType?: string;
  labels?: Record<string, string>;
  /** The rows, when they do not come from the record (e.g. a query's answer). */
  rows?: Record<string, unknown>[];
  /** A translation key. */
  emptyText?: string;
}) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const rows = rowsProp ?? ((source && Array.isArray(record?.[source]) ? record[source] : []) as Record<string, unknown>[]);
  const mayRead = useMayRead();
  const columns = objectColumns(itemType, parentType).filter((c) => {
    const reference = referenceOf(itemType, { name: c });
    return !reference || mayRead(reference);
  });
  if (!rows.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(emptyText)}
      </Typography>
    );
  const labelOf = (name: string) => translate(objectColumnLabel(itemType, name, labels));
  const title = source ? translate(fieldLabel(parentType ?? itemType, source, humanize(source))) : translate(typeNameLabel(itemType, humanize(itemType)));
  return (
    <Table size="small" data-source={source} aria-label={title} sx={{ width: 'auto', minWidth: 360 }}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c}>{labelOf(c)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, i) => (
          <RecordContextProvider key={String(row.id ?? i)} value={{ id: String(row.id ?? i), ...row }}>
            <TableRow>
              {columns.map((c) => (
                <TableCell key={c}>{cellFor(itemType, c)}</TableCell>
              ))}
            </TableRow>
          </RecordContextProvider>
        ))}
      </TableBody>
    </Table>
  );
};

/** Enum values as choices of inputs and select fields, named by their labels' keys (react-admin translates choices). */
export const enumChoices = (enumName: string) => enumValues(enumName).map((v) => ({ id: v, name: enumLabel(enumName, v) }));
