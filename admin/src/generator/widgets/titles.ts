import { useQueries } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import type { OperationsProvider } from '../../providers/dataProvider';
import { publishedResourceNames } from '../../schema/constraints';
import { useMe } from '../../providers/me';
import { useMayRead } from '../readable';

/** A record named by its resource and id (an audit entry's record, a reference in its changes). */
export interface RecordRef {
  type: string;
  id: string;
}

/** Its title; null: the user may not read it, or it is gone (the server tells neither apart). */
export type Title = string | null;

const MAX_BATCH = 500;
const published = new Set(publishedResourceNames());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the server can name records of this type by id (a published resource, a well-formed id). */
export const nameable = (ref: RecordRef) => published.has(ref.type) && UUID.test(ref.id);

type Waiting = { ref: RecordRef; resolve: (title: Title) => void; reject: (e: unknown) => void };

/**
 * Titles asked for by every cell of a page in the same tick go to the server as one
 * `recordTitles` query (a page of 25 audit entries costs one request, not one per reference).
 */
function batcher(query: OperationsProvider['query']) {
  let waiting: Waiting[] = [];
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    for (let i = 0; i < batch.length; i += MAX_BATCH) {
      const part = batch.slice(i, i + MAX_BATCH);
      try {
        const answer = await query<{ type: string; id: string; title: Title }[]>('recordTitles', { refs: part.map((w) => w.ref) });
        const byKey = new Map(answer.map((a) => [`${a.type}:${a.id}`, a.title]));
        for (const w of part) w.resolve(byKey.get(`${w.ref.type}:${w.ref.id}`) ?? null);
      } catch (e) {
        for (const w of part) w.reject(e);
      }
    }
  };
  return (ref: RecordRef) =>
    new Promise<Title>((resolve, reject) => {
      if (!waiting.length) setTimeout(flush, 0);
      waiting.push({ ref, resolve, reject });
    });
}

let load: ((ref: RecordRef) => Promise<Title>) | undefined;

/**
 * The titles of records, by `type:id`: undefined while loading; null for a record the user may
 * not read (its resource's page, its scope) or that is gone. Records of types the server does
 * not name (a comment, the tenant) are not asked for.
 */
export function useRecordTitles(refs: readonly RecordRef[]): Map<string, Title | undefined> {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const mayRead = useMayRead();
  const { data: me } = useMe();
  load ??= batcher(dataProvider.query);
  const asked = refs.filter(nameable);
  const results = useQueries({
    queries: asked.map((ref) => ({
      queryKey: ['recordTitle', ref.type, ref.id],
      queryFn: () => (mayRead(ref.type) ? load!(ref) : Promise.resolve(null)),
      // What the user may read is known once `me` is.
      enabled: !!me,
      staleTime: 30_000,
    })),
  });
  return new Map(asked.map((ref, i) => [`${ref.type}:${ref.id}`, results[i]?.data]));
}

export const refKey = (ref: RecordRef) => `${ref.type}:${ref.id}`;
