/**
 * A subscription's queue of payloads as the async iterator graphql-js reads. Ending it (the
 * client completes, the socket closes, the server stops) runs `onEnd` once and releases a
 * pending read: nothing stays registered or waiting.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private queue: T[] = [];
  private waiting?: (result: IteratorResult<T>) => void;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  push(value: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value, done: false });
    } else this.queue.push(value);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    this.onEnd();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
