import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Work no request asked for (the event relay, connections' re-checks, queue statistics), marked
 * through the async context it runs in, so what it sends to the database can be told from what a
 * request sends (the tests count a request's statements).
 */
const store = new AsyncLocalStorage<string>();

/** Runs `work` (and everything it awaits or schedules) as background work named `what`. */
export const inBackground = <T>(what: string, work: () => T): T => store.run(what, work);

/** The background work the current code runs for, if any. */
export const backgroundWork = (): string | undefined => store.getStore();
