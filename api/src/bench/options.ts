import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  customers: number;
  contacts: number;
  ous: number;
  agents: number;
  /** Seconds of each measurement (after its warm-up). */
  seconds: number;
  /** Interleaved rounds; every figure is the median over them. */
  rounds: number;
  connections: number;
  /** Rows of one bulk import measurement (M7). */
  importRows: number;
  /** Write the section of docs/benchmarks.md (the full run does unless --no-write; --quick only with --write). */
  write: boolean;
  /** Load scenarios to run (by id, with their baselines); none: all, with M2, M7 and M9. */
  only: string[];
}

const USAGE = `usage: npm run bench -- [--quick] [--customers N] [--contacts N] [--seconds S] [--rounds R] [--write | --no-write] [--only IDS]

  --quick        20,000 customers, 60,000 contact records, 1 s per measurement (a smoke test, < 2 min)
  --customers N  customers to seed (default 1,000,000); contact records default to 3 per customer
  --contacts N   contact records to seed
  --seconds S    seconds per measurement (default 8)
  --rounds R     interleaved rounds, figures are their medians (default 3)
  --write        also write the --quick run's section of docs/benchmarks.md
  --no-write     print the table only, leave docs/benchmarks.md as it is
  --only IDS     only these load scenarios and their baselines, e.g. --only "M1,M5 console" (writes nothing)`;

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (n > 0 && Number.isFinite(n)) return n;
  console.error(`error: --${name} must be a positive number\n${USAGE}`);
  process.exit(2);
};

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      customers: { type: 'string' },
      contacts: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      write: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });

/** `npm run bench -- ...` arguments; the defaults are the full run (about 10 minutes on 2 cores). */
export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick!;
  const only =
    values.only
      ?.split(',')
      .map((id) => id.trim())
      .filter(Boolean) ?? [];
  const customers = Math.round(positive('customers', values.customers, quick ? 20_000 : 1_000_000));
  return {
    quick,
    customers,
    contacts: Math.round(positive('contacts', values.contacts, customers * 3)),
    ous: 200,
    agents: quick ? 1_000 : 10_000,
    seconds: positive('seconds', values.seconds, quick ? 1 : 8),
    rounds: Math.max(1, Math.round(positive('rounds', values.rounds, 3))),
    connections: 16,
    importRows: quick ? 2_000 : 50_000,
    write: !only.length && (values.write || (!quick && !values['no-write'])),
    only,
  };
}
