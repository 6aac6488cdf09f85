import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apolloClient } from '../../providers/apollo';
import { subscribe } from '../../providers/live';
import { useMe } from '../../providers/me';
import { mayRun, type Me, type Operation } from '../../providers/permissions';

/** How far back the charts reach. */
export const WINDOW_MINUTES = 10;
const WINDOW_MS = WINDOW_MINUTES * 60_000;
/** How often the charts slide on when nothing changes. */
const TICK_MS = 5_000;

/** A queue's live numbers. */
export interface QueueNumbers {
  signedIn: number;
  idle: number;
  busy: number;
  queued: number;
  deviceUsage: number;
}

/** The numbers of a queue at a moment (`at`, epoch ms): they hold until the next sample. */
export interface Sample {
  at: number;
  deviceUsage: number;
  queued: number;
}

export interface LiveQueue {
  id: string;
  name: string;
  now: QueueNumbers;
  samples: Sample[];
}

interface QueueRow {
  id: string;
  name: string;
  signedInAgents: number;
  idleAgents: number;
  busyAgents: number;
  queuedCalls: number;
  deviceUsage: number;
}

const QUEUES = gql`
  query dashboardQueues {
    allSkillQueues(perPage: 500, sortField: "name", sortOrder: "ASC") {
      id
      name
      signedInAgents
      idleAgents
      busyAgents
      queuedCalls
      deviceUsage
    }
  }
`;

const QUEUE_STATS = 'subscription { queueStatsChanged { seq queueId signedIn idle busy queued deviceUsage } }';

/** Whether `me` may run every one of the operations a live section is made of. */
export function useMayRun(...operations: Operation[]): boolean {
  const { data: me } = useMe();
  return !!me && operations.every((o) => mayRun(me as Me, o));
}

/** The skill queues the viewer may read, by name: one query, shared by both live sections. */
export function useQueueList(enabled: boolean) {
  return useQuery({
    queryKey: ['home', 'dashboardQueues'],
    enabled,
    queryFn: async () => (await apolloClient.query<{ allSkillQueues: QueueRow[] }>({ query: QUEUES })).data.allSkillQueues,
  });
}

/** The time now, moving on every few seconds while the page is open (the charts' right edge). */
export function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A queue's samples within the window, keeping the one in force at its start. */
function within(samples: Sample[], from: number): Sample[] {
  const first = samples.findIndex((s) => s.at > from);
  if (first === -1) return samples.slice(-1);
  return samples.slice(Math.max(0, first - 1));
}

const numbersOf = (q: QueueRow): QueueNumbers => ({
  signedIn: q.signedInAgents,
  idle: q.idleAgents,
  busy: q.busyAgents,
  queued: q.queuedCalls,
  deviceUsage: q.deviceUsage,
});

/**
 * The live numbers of the queues the viewer may read and their last minutes, kept in the
 * browser: the list query gives the picture on opening, queueStatsChanged every change after
 * (the server coalesces them, at most one a second per queue). A queue first heard of live is
 * named by a new list query.
 */
export function useLiveQueues(enabled: boolean): { queues: LiveQueue[] | undefined; now: number } {
  const list = useQueueList(enabled);
  const now = useClock();
  const [live, setLive] = useState<Map<string, { now: QueueNumbers; samples: Sample[] }>>(new Map());

  useEffect(() => {
    if (!enabled) return;
    return subscribe(QUEUE_STATS, {}, (data) => {
      const { queueId, seq: _seq, ...numbers } = data.queueStatsChanged as QueueNumbers & { queueId: string; seq: number };
      const at = Date.now();
      setLive((before) => {
        const next = new Map(before);
        const known = before.get(queueId);
        next.set(queueId, {
          now: numbers,
          samples: [...within(known?.samples ?? [], at - WINDOW_MS), { at, deviceUsage: numbers.deviceUsage, queued: numbers.queued }],
        });
        return next;
      });
    });
  }, [enabled]);

  // The first numbers of each queue: its row of the list, as of when the list was read.
  const { data, dataUpdatedAt, refetch } = list;
  const unnamed = data ? [...live.keys()].some((id) => !data.some((q) => q.id === id)) : false;
  useEffect(() => {
    if (unnamed) void refetch();
  }, [unnamed, refetch]);

  if (!data) return { queues: undefined, now };
  // A change heard since the clock last moved is drawn up to its own time.
  const latest = Math.max(now, dataUpdatedAt, ...[...live.values()].map((q) => q.samples.at(-1)?.at ?? 0));
  const queues = data.map((q): LiveQueue => {
    const first = numbersOf(q);
    const listed: Sample = { at: dataUpdatedAt, deviceUsage: first.deviceUsage, queued: first.queued };
    const heard = live.get(q.id);
    if (!heard) return { id: q.id, name: q.name, now: first, samples: [listed] };
    // The list's numbers hold until the first change heard after them.
    const samples = heard.samples[0]!.at > dataUpdatedAt ? [listed, ...heard.samples] : heard.samples;
    return { id: q.id, name: q.name, now: heard.now, samples: within(samples, latest - WINDOW_MS) };
  });
  return { queues, now: latest };
}
