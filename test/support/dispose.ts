import { afterAll } from 'vitest';

/**
 * Fixtures dispose of themselves: every server, ORM, socket and browser a support helper opens
 * registers its disposal here, and the end of each test file (this file is a vitest setup file,
 * so its hook runs after the file's own) disposes of whatever is still open, newest first. A
 * test that forgets to close something, or fails before it does, leaks nothing into the next file.
 */
const open = new Set<() => unknown>();

/** Registers `dispose` for the end of the test file; the returned function unregisters it (after an explicit close). */
export function disposeAtEnd(dispose: () => unknown): () => void {
  open.add(dispose);
  return () => open.delete(dispose);
}

afterAll(async () => {
  const pending = [...open].reverse();
  open.clear();
  for (const dispose of pending) await dispose();
});
