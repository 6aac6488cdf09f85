import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SingleBar } from 'cli-progress';
import { unscoped } from '../common/row-scope';
import { fileSource, importCustomers, RejectionReportFile, type ImportProgress } from '../modules/customer/import/file';
import { ImportError, loadTenantContext } from '../modules/customer/import/rows';
import { runCommand } from './run';

const USAGE = `usage: npm run import -- customers FILE.csv --tenant CODE [--ou OU] [--report FILE] [--batch-size N]

  Columns: name, gender, phones, emails, company, address, addressDetail, remark, ou
  (phones and e-mails separated by ";" or "|"; ou is a path like "North / North-East" or a
  unique name; --ou is the OU of rows without one; none = Unorganized).
  Rejected rows are listed in FILE.rejected.csv (or --report).`;

const ARGS = {
  allowPositionals: true,
  options: {
    tenant: { type: 'string' },
    ou: { type: 'string' },
    report: { type: 'string' },
    'batch-size': { type: 'string' },
  },
} as const satisfies ParseArgsConfig;

/** Platform operation: bulk import of customers from a CSV file of any size. */
runCommand(async (db) => {
  let parsed: ReturnType<typeof parseArgs<typeof ARGS>>;
  try {
    parsed = parseArgs(ARGS);
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (
    positionals[0] !== 'customers' ||
    positionals.length !== 2 ||
    !values.tenant ||
    (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
  ) {
    console.error(USAGE);
    return 2;
  }

  const interactive = !!process.stderr.isTTY && !process.env.CI;
  const bar = interactive
    ? new SingleBar({
        format: ' {bar} {percentage}% | {rows} rows, {speed} rows/s | imported {imported}, duplicates {duplicates}, rejected {rejected}',
        barCompleteChar: '\u2588',
        barIncompleteChar: '\u2591',
        hideCursor: true,
        fps: 5,
      })
    : undefined;
  const started = Date.now();
  const payload = (p: ImportProgress) => ({
    rows: p.rows,
    speed: Math.round(p.rows / Math.max((Date.now() - started) / 1000, 0.001)),
    imported: p.imported,
    duplicates: p.duplicates,
    rejected: p.rejected,
  });
  let barStarted = false;

  const file = positionals[1]!;
  const reportFile = values.report ?? `${file}.rejected.csv`;
  try {
    // The import CLI is the tenant's operator: the tenant it names is the only scope.
    const em = unscoped(db.orm.em.fork(), 'the import CLI acts for the whole tenant it names');
    const source = await fileSource(file);
    const context = await loadTenantContext(em, { code: values.tenant }, { defaultOu: values.ou });
    const result = await importCustomers(em, {
      source,
      context,
      rejections: new RejectionReportFile(reportFile),
      batchSize,
      onProgress: (p) => {
        if (!bar) return;
        if (!barStarted) {
          bar.start(Math.max(p.fileSize, 1), 0, payload(p));
          barStarted = true;
        }
        bar.update(p.bytesRead, payload(p));
      },
    });
    bar?.stop();
    const summary =
      `imported ${result.imported}, duplicates ${result.duplicates}, rejected ${result.rejected}` +
      ` in ${result.seconds.toFixed(1)} s (${Math.round(result.rowsPerSecond)} rows/s)`;
    console.log(result.rejected ? `${summary}; rejected rows in ${reportFile}` : summary);
    return 0;
  } catch (e) {
    bar?.stop();
    if (e instanceof ImportError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
});
