import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { plainToInstance } from '../../../common/plain';
import { validateInput } from '../../../common/validation';
import type { FieldErrors } from '../../../base/errors';
import { Gender } from '../../identity/employee.entity';
import { OrgUnit } from '../../org/org-unit.entity';
import { PATH_SEPARATOR } from '../../org/ou-path';
import { Tenant } from '../../../common/tenant.entity';
import { AddressOption } from '../address-option.entity';
import { PLATFORM, type Actor } from '../../../common/audit.writer';
import { allows } from '../../../authz/ability';
import type { Principal } from '../../../authz/principal';
import { CustomerFields } from '../customer.inputs';

/** The columns of an import file, in the documented order; every one is optional. */
export const IMPORT_COLUMNS = ['name', 'gender', 'phones', 'emails', 'company', 'address', 'addressDetail', 'remark', 'ou'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type ImportRecord = Partial<Record<ImportColumn, string>>;

/** Inside a cell, several phones or e-mails are separated by `;` or `|`. */
const LIST_SEPARATOR = /[;|]/;
export const DEFAULT_BATCH_SIZE = 1000;
/** The name of Unorganized in an `ou` cell or the `--ou` flag (when no OU is called so). */
export const UNORGANIZED = 'Unorganized';

/** A problem that stops the whole run (unknown tenant, unreadable file, malformed CSV...). */
export class ImportError extends Error {
  /** The input it is about, when one (the console's `ou`): a field error rather than a failed run. */
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A row ready to insert: values as the API stores them (trimmed; empty for none). */
export interface PreparedCustomer {
  line: number;
  ouId: string | null;
  name: string;
  gender: Gender;
  phones: string[];
  emails: string[];
  company: string;
  address: string;
  addressDetail: string;
  remark: string;
}

export interface RowRejection {
  line: number;
  fields: FieldErrors;
  /** The row as read, so the report shows what to fix (absent when the row could not be split into columns). */
  record?: ImportRecord;
}

/**
 * Who imports: the platform (the CLI, for the whole tenant) or a principal of the console,
 * whose rows may only name OUs it may create customers in (the enforcement point's rule).
 */
export interface Importer {
  actor: Actor;
  /** Whether the importer may see the OU (others are "unknown", as everywhere). */
  mayRead(ouId: string | null): boolean;
  mayCreateIn(ouId: string | null): boolean;
}

export const PLATFORM_IMPORTER: Importer = { actor: PLATFORM, mayRead: () => true, mayCreateIn: () => true };

/** The importer of a console upload: the signed-in principal's ability on customers. */
export const principalImporter = (principal: Principal): Importer => ({
  actor: { kind: principal.kind, id: principal.id, handle: principal.handle },
  mayRead: (ouId) => allows(principal.ability, 'read', 'Customer', ouId),
  mayCreateIn: (ouId) => allows(principal.ability, 'create', 'Customer', ouId),
});

/** What a row is checked against: the tenant's address options and OUs. */
export interface TenantContext {
  tenantId: string;
  tenantCode: string;
  actor: Actor;
  addressOptions: ReadonlySet<string>;
  /** An `ou` cell -> OU id (null = Unorganized), or an error message. */
  resolveOu(ref: string): { ouId: string | null } | { error: string };
  /** The OU of rows without an `ou` cell (`--ou`), null = Unorganized. */
  defaultOuId: string | null;
}

/** "North/North-East", " North /  North-East " and "North / North-East" are the same path. */
const canonicalPath = (ref: string) =>
  ref
    .split('/')
    .map((part) => part.trim())
    .join(PATH_SEPARATOR);

/** Resolves OU references: a full path ("North / North-East") or a name that is unique in the tenant. */
export function ouResolver(ous: readonly { id: string; name: string; path: string }[]): TenantContext['resolveOu'] {
  const byPath = new Map(ous.map((o) => [o.path.toLowerCase(), o.id]));
  const byName = new Map<string, string[]>();
  for (const o of ous) byName.set(o.name.toLowerCase(), [...(byName.get(o.name.toLowerCase()) ?? []), o.id]);
  const cache = new Map<string, { ouId: string | null } | { error: string }>();
  return (ref) => {
    const key = canonicalPath(ref).toLowerCase();
    let answer = cache.get(key);
    if (answer) return answer;
    const named = byName.get(key) ?? [];
    if (byPath.has(key)) answer = { ouId: byPath.get(key)! };
    else if (named.length === 1) answer = { ouId: named[0]! };
    else if (named.length > 1) answer = { error: `OU name "${ref.trim()}" is not unique in the tenant: give its path (e.g. "Parent / ${ref.trim()}")` };
    else if (key === UNORGANIZED.toLowerCase()) answer = { ouId: null };
    else answer = { error: `Unknown OU "${ref.trim()}"` };
    cache.set(key, answer);
    return answer;
  };
}

/** Limits OU references to what the importer may see and create customers in. */
function asImporter(resolveOu: TenantContext['resolveOu'], importer: Importer, pathOf: (ouId: string) => string): TenantContext['resolveOu'] {
  return (ref) => {
    const resolved = resolveOu(ref);
    if ('error' in resolved) return resolved;
    if (!importer.mayRead(resolved.ouId)) return { error: `Unknown OU "${ref.trim()}"` };
    if (!importer.mayCreateIn(resolved.ouId)) return { error: `Not allowed to add customers in ${resolved.ouId ? pathOf(resolved.ouId) : UNORGANIZED}` };
    return resolved;
  };
}

export interface ContextOptions {
  /** The OU of rows without an `ou` cell: a path or a unique name (the CLI's `--ou`)... */
  defaultOu?: string;
  /** ...or an OU id (the console; null = Unorganized). */
  defaultOuId?: string | null;
  importer?: Importer;
}

/** Loads what rows are checked against; an unknown tenant or an unusable default OU is fatal. */
export async function loadTenantContext(em: EntityManager, tenant: { code: string } | { id: string }, options: ContextOptions = {}): Promise<TenantContext> {
  const found = await em.findOne(Tenant, tenant);
  if (!found) throw new ImportError(`Unknown tenant "${'code' in tenant ? tenant.code : tenant.id}" (give the tenant code)`);
  const [addressOptions, ous] = await Promise.all([
    em.find(AddressOption, { tenant: found }, { fields: ['value'] }),
    em.find(OrgUnit, { tenant: found }, { fields: ['name', 'path'] }),
  ]);
  const importer = options.importer ?? PLATFORM_IMPORTER;
  const paths = new Map(ous.map((o) => [o.id, o.path]));
  const resolveOu = asImporter(ouResolver(ous), importer, (id) => paths.get(id)!);
  let defaultOuId: string | null = null;
  if (options.defaultOu?.trim()) {
    const resolved = resolveOu(options.defaultOu);
    if ('error' in resolved) throw new ImportError(`--ou: ${resolved.error}`);
    defaultOuId = resolved.ouId;
  } else if (options.defaultOuId) {
    defaultOuId = options.defaultOuId;
    if (!paths.has(defaultOuId) || !importer.mayRead(defaultOuId)) throw new ImportError('OU not found', 'ou');
    if (!importer.mayCreateIn(defaultOuId)) throw new ImportError(`Not allowed to add customers in ${paths.get(defaultOuId)}`, 'ou');
  } else if (!importer.mayCreateIn(null)) {
    throw new ImportError(`Not allowed to add customers in ${UNORGANIZED}: choose an OU for rows without one`, 'ou');
  }
  return {
    tenantId: found.id,
    tenantCode: found.code,
    actor: importer.actor,
    addressOptions: new Set(addressOptions.map((o) => o.value)),
    resolveOu,
    defaultOuId,
  };
}

const cell = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed ? trimmed : null;
};

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(LIST_SEPARATOR)
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * Checks one CSV record with the API's own rules (CustomerFields + validateInput), the tenant's
 * address options and OUs; returns the row to insert, or its field errors (every field at once).
 */
export async function prepareRow(record: ImportRecord, line: number, ctx: TenantContext): Promise<PreparedCustomer | RowRejection> {
  const gender = cell(record.gender)?.toUpperCase() ?? null;
  const input = plainToInstance(CustomerFields, {
    name: cell(record.name),
    gender: gender as Gender | null,
    phones: list(record.phones),
    emails: list(record.emails),
    company: cell(record.company),
    address: cell(record.address),
    addressDetail: cell(record.addressDetail),
    remark: cell(record.remark),
  });
  const fields: FieldErrors = await validateInput(input).then(
    () => ({}),
    (e: unknown) => {
      const found = e instanceof GraphQLError ? (e.extensions.fields as FieldErrors | undefined) : undefined;
      if (!found) throw e;
      return { ...found };
    },
  );
  const address = input.address ?? '';
  if (address && !fields.address && !ctx.addressOptions.has(address)) fields.address = `"${address}" is not one of the address options`;
  let ouId = ctx.defaultOuId;
  const ouRef = cell(record.ou);
  if (ouRef) {
    const resolved = ctx.resolveOu(ouRef);
    if ('error' in resolved) fields.ou = resolved.error;
    else ouId = resolved.ouId;
  }
  const phones = input.phones!;
  const emails = input.emails!;
  // Re-running a file must not duplicate customers, and rows are recognised by phone or e-mail.
  if (!phones.length && !emails.length && !fields.phones && !fields.emails) {
    fields.phones = 'A phone or an e-mail is needed to import a customer (duplicates are detected by them)';
  }
  if (Object.keys(fields).length) return { line, fields, record };
  return {
    line,
    ouId,
    name: input.name ?? '',
    gender: (input.gender as Gender | null) ?? Gender.UNKNOWN,
    phones,
    emails,
    company: input.company ?? '',
    address,
    addressDetail: input.addressDetail ?? '',
    remark: input.remark ?? '',
  };
}

export const isRejection = (row: PreparedCustomer | RowRejection): row is RowRejection => 'fields' in row;
