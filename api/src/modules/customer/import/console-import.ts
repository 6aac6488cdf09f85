import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../../../base/context';
import type { Principal } from '../../../authz/principal';
import { bindRowScope, unscoped } from '../../../common/row-scope';
import { Tenant } from '../../../common/tenant.entity';
import { CustomerImport, CustomerImportRejection, CustomerImportState } from './customer-import.entity';
import { importCustomers, type ImportProgress, type RejectionSink } from './file';
import { ImportError, loadTenantContext, principalImporter, type RowRejection } from './rows';

/** A RUNNING import whose progress was not written for this long was interrupted (its process stopped). */
export const STALE_AFTER_MS = 60_000;
/** Progress is written at most this often, and at least this often while a batch is being written (the heartbeat). */
const PROGRESS_EVERY_MS = 1_000;
const HEARTBEAT_MS = 10_000;
/** Rejected rows are written in groups of this many. */
const REJECTIONS_PER_WRITE = 500;

export const INTERRUPTED = 'The server stopped during the import: upload the file again (customers already imported are skipped as duplicates)';

/** Rejected rows of a console import, kept as rows of the import. */
class RejectionRows implements RejectionSink {
  private pending: RowRejection[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly importId: string,
  ) {}

  async add(rejection: RowRejection) {
    this.pending.push(rejection);
    if (this.pending.length >= REJECTIONS_PER_WRITE) await this.flush();
  }

  async close() {
    await this.flush();
  }

  private async flush() {
    const rows = this.pending.flatMap((r) =>
      Object.entries(r.fields).map(([field, reason]) => ({
        customerImport: this.importId,
        line: r.line,
        field,
        reason,
        cells: Object.fromEntries(Object.entries(r.record ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>,
      })),
    );
    this.pending = [];
    if (rows.length) await this.em.insertMany(CustomerImportRejection, rows);
  }
}

export interface Upload {
  body: Readable;
  fileName: string;
  /** The OU of rows without an ou cell; null: Unorganized. */
  defaultOuId: string | null;
}

/**
 * Starts a console import for the principal: the default OU is checked first (a refusal writes
 * nothing), the upload is kept in a temporary file, and the rows are imported in the background
 * with the CLI's code, limited to the OUs the principal may create customers in. Returns the
 * import at once (RUNNING); its progress is written to it as it goes.
 */
export async function startCustomerImport(services: AppServices, principal: Principal, upload: Upload): Promise<CustomerImport> {
  // Rows are checked against the importer's scope (principalImporter) and duplicates are found across the tenant, as createCustomer does.
  const engine = unscoped(services.em.fork(), "a console import checks every row against its importer's scope itself");
  const context = await loadTenantContext(engine, { id: principal.tenantId }, { defaultOuId: upload.defaultOuId, importer: principalImporter(principal) });
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-import-'));
  const file = path.join(dir, 'upload.csv');
  try {
    await pipeline(upload.body, createWriteStream(file));
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const size = (await stat(file)).size;
  const own = services.em.fork();
  bindRowScope(own, principal);
  const job = own.create(CustomerImport, {
    tenant: own.getReference(Tenant, principal.tenantId),
    startedById: principal.id,
    fileName: upload.fileName.slice(0, 255),
    defaultOuId: upload.defaultOuId,
    fileSize: size,
  });
  await own.flush();

  const progress = progressWriter(own, job);
  const heartbeat = setInterval(() => void progress.write(), HEARTBEAT_MS);
  heartbeat.unref();
  void importCustomers(engine, {
    source: { open: () => createReadStream(file), size, name: job.fileName },
    context,
    rejections: new RejectionRows(engine, job.id),
    onProgress: (p) => progress.update(p),
  })
    .then(
      (result) => progress.finish(CustomerImportState.DONE, result, null),
      (e: unknown) => {
        if (!(e instanceof ImportError)) services.logger.error({ err: e, importId: job.id }, 'customer import failed');
        return progress.finish(CustomerImportState.FAILED, undefined, e instanceof ImportError ? e.message : 'The import stopped on an unexpected error');
      },
    )
    .catch((e: unknown) => services.logger.error({ err: e, importId: job.id }, 'could not record the end of a customer import'))
    .finally(() => {
      clearInterval(heartbeat);
      void rm(dir, { recursive: true, force: true });
    });
  return job;
}

/** Writes an import's progress at most once per PROGRESS_EVERY_MS (one write at a time), and its end. */
function progressWriter(em: EntityManager, job: CustomerImport) {
  let latest: ImportProgress | undefined;
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    writing = writing.then(async () => {
      if (latest) Object.assign(job, pick(latest));
      job.updatedAt = new Date();
      lastWrite = Date.now();
      await em.flush();
    });
    return writing;
  };
  return {
    write,
    update(p: ImportProgress) {
      latest = p;
      if (Date.now() - lastWrite >= PROGRESS_EVERY_MS) return write();
    },
    async finish(state: CustomerImportState, final: ImportProgress | undefined, error: string | null) {
      if (final) latest = final;
      job.state = state;
      job.error = error;
      job.finishedAt = new Date();
      await write();
    },
  };
}

const pick = (p: ImportProgress) => ({ bytesRead: p.bytesRead, rows: p.rows, imported: p.imported, duplicates: p.duplicates, rejected: p.rejected });

/** The import as its reader sees it: a RUNNING import whose progress stopped was interrupted. */
export function effectiveState(job: CustomerImport, now = Date.now()): { state: CustomerImportState; error: string | null } {
  if (job.state === CustomerImportState.RUNNING && now - job.updatedAt.getTime() > STALE_AFTER_MS)
    return { state: CustomerImportState.FAILED, error: INTERRUPTED };
  return { state: job.state, error: job.error };
}
