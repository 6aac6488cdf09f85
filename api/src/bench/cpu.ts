import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (100 per second on every kernel this runs on). */
const TICK_MS = 10;

/** utime + stime of a process in ms (all its threads), or undefined when it is gone or /proc is not there. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** CPU ms per process id at one moment. */
export type CpuSnapshot = Map<number, number>;

export const snapshot = (pids: readonly number[]): CpuSnapshot => {
  const out: CpuSnapshot = new Map();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) out.set(pid, ms);
  }
  return out;
};

/**
 * CPU spent between two snapshots by the processes of the first (a process that ended between
 * them is left out: PostgreSQL backends of pooled connections outlive a measurement).
 */
export function spent(before: CpuSnapshot, after: CpuSnapshot): number | undefined {
  if (!before.size) return undefined;
  let ms = 0;
  for (const [pid, was] of before) ms += (after.get(pid) ?? was) - was;
  return ms;
}

/** Resident set size of a process in MB, or undefined when it is gone or /proc is not there. */
export function processRssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
