import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { Measurement } from './load';
import type { Goal, Scenario } from './scenario';

export interface Line {
  scenario: Scenario;
  /** Medians over the rounds. */
  m: Measurement;
  rounds: Measurement[];
  ratio?: number;
  met?: boolean;
}

/** The median of the figures a run has (an undefined or NaN one is left out). */
export const median = (xs: (number | undefined)[]): number | undefined => {
  const v = xs.filter((x): x is number => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
};

export function medianOf(rounds: Measurement[]): Measurement {
  const pick = (k: keyof Measurement) => median(rounds.map((r) => r[k]));
  return {
    requests: pick('requests')!,
    seconds: pick('seconds')!,
    perSecond: pick('perSecond')!,
    p50: pick('p50')!,
    p99: pick('p99')!,
    cpuServer: pick('cpuServer'),
    cpuPg: pick('cpuPg'),
    cpuLoad: pick('cpuLoad'),
    resent: rounds.reduce((sum, r) => sum + r.resent, 0),
  };
}

/** The ratio a goal speaks of: req/s over the baseline's, or, for "at most" goals, the cost (baseline req/s over this one's). */
function ratioOf(goal: Goal | undefined, m: Measurement, base: Measurement): number {
  return goal?.kind === 'ratio-at-most' ? base.perSecond / m.perSecond : m.perSecond / base.perSecond;
}

function meets(goal: Goal, line: Line): boolean {
  switch (goal.kind) {
    case 'ratio-at-least':
      return line.ratio! >= goal.value;
    case 'ratio-at-most':
      return line.ratio! <= goal.value;
    case 'rps-at-least':
      return line.m.perSecond >= goal.value;
    case 'p99-at-most':
      return line.m.p99 <= goal.value;
  }
}

const goalText = (g: Goal | undefined): string => {
  if (!g) return '';
  if (g.kind === 'ratio-at-least') return `ratio ≥ ${g.value}`;
  if (g.kind === 'ratio-at-most') return `cost ≤ ${g.value}×`;
  if (g.kind === 'rps-at-least') return `≥ ${g.value} req/s`;
  return `p99 ≤ ${g.value} ms`;
};

export function lines(scenarios: Scenario[], results: Map<string, Measurement[]>): Line[] {
  const medians = new Map(scenarios.map((s) => [s.id, medianOf(results.get(s.id)!)]));
  return scenarios.map((scenario) => {
    const m = medians.get(scenario.id)!;
    const base = scenario.baseline ? medians.get(scenario.baseline) : undefined;
    const line: Line = { scenario, m, rounds: results.get(scenario.id)!, ratio: base ? ratioOf(scenario.goal, m, base) : undefined };
    if (scenario.goal) line.met = meets(scenario.goal, line);
    return line;
  });
}

const f = (n: number | undefined, digits = 0) =>
  n === undefined ? '' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const HEADER = ['scenario', '', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req server', 'CPU ms/req PG', 'CPU ms/req load', 'ratio', 'target', 'met?'];
const cells = (l: Line) => [
  l.scenario.id,
  l.scenario.name,
  f(l.m.perSecond),
  f(l.m.p50, 2),
  f(l.m.p99, 2),
  f(l.m.cpuServer, 3),
  f(l.m.cpuPg, 3),
  f(l.m.cpuLoad, 3),
  l.ratio === undefined ? '' : f(l.ratio, 2),
  goalText(l.scenario.goal),
  l.met === undefined ? '' : l.met ? 'yes' : 'NO',
];

export function printTable(rows: Line[]): void {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const r of table) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

/** Text columns (the first `left`) aligned left, figures right. */
export const markdownTable = (header: string[], rows: string[][], left = 1): string[] => [
  `| ${header.join(' | ')} |`,
  `|${header.map((_, i) => (i < left ? '---' : '---:')).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

export const mainTable = (rows: Line[]): string[] =>
  markdownTable(
    ['scenario', 'what', ...HEADER.slice(2, -2), 'target', 'met?'],
    rows.map((l) => cells(l)),
    2,
  );

/** "## `npm run bench`, DATE, SIZE: N cores, M GiB": a run replaces only the section of its own date and size. */
export function heading(size: string): string {
  const gib = Math.round(os.totalmem() / 2 ** 30);
  return `## \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}, ${size}: ${os.cpus().length} cores, ${gib} GiB`;
}

/** Ends a written section: text that follows it (an earlier run's, without a heading of its own) is not part of it. */
const SECTION_END = '<!-- end of the npm run bench section -->';

/** Puts the section below the title of docs/benchmarks.md, in place of one with the same heading; everything else is kept. */
export async function writeSection(file: string, section: string[]): Promise<void> {
  const title = section[0]!;
  const text = (await readFile(file, 'utf8').catch(() => '# Benchmarks\n')).replace(/\r\n/g, '\n');
  let rest = text;
  const start = text.indexOf(`${title}\n`);
  if (start >= 0) {
    const marker = text.indexOf(SECTION_END, start);
    const next = text.indexOf('\n## ', start + title.length);
    const end = marker >= 0 && (next < 0 || marker < next) ? marker + SECTION_END.length + 1 : next >= 0 ? next + 1 : text.length;
    rest = text.slice(0, start) + text.slice(end).replace(/^\n+/, '');
  }
  const titleEnd = rest.startsWith('# ') ? rest.indexOf('\n') + 1 : 0;
  const body = rest.slice(titleEnd).replace(/^\n+/, '');
  await writeFile(file, `${rest.slice(0, titleEnd)}\n${section.join('\n')}\n${SECTION_END}\n\n${body}`);
}
