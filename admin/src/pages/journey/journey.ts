import { useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import type { OperationsProvider } from '../../providers/dataProvider';

/** One activity of a journey, as customerJourney answers it (Activity in schema/schema.graphql). */
// A type, not an interface: a record (AnyRecord) as a dialog of a record action takes one.
export type JourneyActivity = {
  id: string;
  customerId: string;
  mediaType: string;
  tags: string[];
  fields: Record<string, unknown>;
  createdAt: string;
  requestId: string | null;
  request: { id: string; title: string; status: string } | null;
  contactRecordId: string | null;
  contactRecord: {
    id: string;
    caller: string;
    called: string;
    channel: string;
    direction: string;
    startedAt: string;
    endedAt: string | null;
    agent: string;
    skillQueue: string;
  } | null;
  commentCount: number;
  comments: { id: string; text: string; author: string; at: string }[];
  access: { canEdit: boolean; canDelete: boolean };
};

interface JourneyPage {
  edges: { cursor: string; node: JourneyActivity }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export const JOURNEY_QUERY = 'customerJourney';

/** Activities a page asks for: a screen and a half of cards, so the next page loads before the user reaches the end. */
export const JOURNEY_PAGE = 20;

/** The query key of a customer's journey (refetched, all pages loaded so far, after a move). */
export const journeyKey = (customerId: string) => ['journey', customerId];

/**
 * A customer's journey, page by page (keyset cursors): the activities loaded so far, newest
 * first, each once. Keyset pages do not overlap, even while new activities arrive; the ids are
 * deduplicated all the same, so that pages read again one by one after a change (a move) never
 * show an activity twice.
 */
export function useJourney(customerId: string | undefined) {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const query = useInfiniteQuery({
    queryKey: journeyKey(customerId ?? ''),
    enabled: !!customerId,
    initialPageParam: null as string | null,
    // Depth 4: the page's edges, their activities, and each activity's request, contact record, comments and access.
    queryFn: ({ pageParam }) =>
      dataProvider.query<JourneyPage>(JOURNEY_QUERY, { customerId, first: JOURNEY_PAGE, ...(pageParam ? { after: pageParam } : {}) }, { depth: 4 }),
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? undefined) : undefined),
  });
  const activities = useMemo(() => {
    const seen = new Map<string, JourneyActivity>();
    for (const page of query.data?.pages ?? []) for (const { node } of page.edges) if (!seen.has(node.id)) seen.set(node.id, node);
    return [...seen.values()];
  }, [query.data]);
  return { ...query, activities };
}
