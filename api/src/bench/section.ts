import os from 'node:os';
import type { BatchTiming } from './agents';
import type { ImportTiming } from './import';
import type { BenchOptions } from './options';
import { heading, type Line, mainTable, markdownTable } from './report';
import type { World } from './seed';
import type { StatementCount } from './statements';

export interface RunResults {
  options: BenchOptions;
  world: World;
  table: Line[];
  imports: ImportTiming;
  statements: StatementCount[];
  batch: BatchTiming[];
  seconds: number;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The run's section of docs/benchmarks.md: how it was measured, then its tables. */
export function benchSection({ options, world, table, imports, statements, batch, seconds }: RunResults): string[] {
  const importRatio = imports.importRowsPerSecond / imports.copyRowsPerSecond;
  return [
    heading(`${n(world.customers)} customers`),
    '',
    `${n(world.customers)} customers, ${n(world.contacts)} contact records, ${options.ous} OUs, ${n(options.agents)} agents, 50 skill queues; ` +
      `${options.connections} connections (closed loop), ${options.seconds} s per measurement after a warm-up, median of ${options.rounds} interleaved rounds; every reply's status and body checked. ` +
      `The API (\`node api/dist/main.js\`, production) and the bare server (node:http + pg, pool of 16, one prepared statement per question) each run in their own process; ` +
      'CPU per request from /proc/<pid>/stat over the measured window: the server process, the PostgreSQL backends of the benchmark database (pg_stat_activity), and the load generator (the bench process). ' +
      `Ratio: req/s over the baseline's (for "cost" targets, the baseline's req/s over this one's). Load average at the end: ${os.loadavg()[0]!.toFixed(1)}; the run took ${seconds.toFixed(0)} s.`,
    '',
    ...mainTable(table),
    '',
    `M7 bulk import (${n(options.importRows)} rows into an empty tenant beside the seeded one, median of ${options.rounds}):`,
    '',
    ...markdownTable(
      ['path', 'rows/s', 'import / COPY', 'target', 'met?'],
      [
        ["`npm run import`'s code path (importCustomers)", imports.importRowsPerSecond.toFixed(0), '', '', ''],
        [
          'COPY of the same rows (customer, customer_phone, customer_email)',
          imports.copyRowsPerSecond.toFixed(0),
          importRatio.toFixed(2),
          '≥ 0.3',
          importRatio >= 0.3 ? 'yes' : 'NO',
        ],
      ],
    ),
    '',
    'M2 statements per request (counted on the wire between a second API process and PostgreSQL, minus the background work of an idle interval as long):',
    '',
    ...markdownTable(
      ['request', 'statements', 'target'],
      statements.map((s) => [s.name, String(s.statements), s.target]),
    ),
    '',
    'M9 batch agent configuration (one request each, timed from the client, every agent of the reply checked):',
    '',
    ...markdownTable(
      ['case', 'seconds'],
      batch.map((b) => [b.name, (b.ms / 1000).toFixed(2)]),
    ),
    '',
    'M6 and M8 (live events) are measured by `npm run bench:events` (its own section, "Live events").',
  ];
}
