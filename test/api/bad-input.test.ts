import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../api/src/common/audit-entry.entity';
import { buildAppSchema } from '../../api/src/schema';
import { createTestTenant, startTestApp, type TestApp } from '../support/app';
import { type GraphQLClient, type GraphQLResponse, wsClient, wsRequest } from '../support/graphql';
import { countStatements } from '../support/statements';

let t: TestApp;
let admin: GraphQLClient;
let schema: GraphQLSchema;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await startTestApp();
  schema = await buildAppSchema();
  tenant = await createTestTenant(t.orm, 'badin');
  admin = await t.loginAs(tenant.adminAccount, tenant.password);
  // A record of each resource whose own fields take arguments, so the walk reaches those fields.
  await admin.ok('mutation { createSkillQueue(name: "Bad input") { id } }');
});
afterAll(() => t?.close());

const LONE_SURROGATE = 'x\ud800y';
const YEAR_ZERO = '0000-01-01T00:00:00Z';
/** 10000-01-01T00:59:59Z in UTC: past what PostgreSQL reads back from an ISO string. */
const PAST_YEAR_9999 = '9999-12-31T23:59:59-01:00';

/** The argument types that carry text or dates to the database, and the bad values for each. */
const BAD_VALUES: Record<string, unknown[]> = {
  String: [LONE_SURROGATE],
  ID: [LONE_SURROGATE],
  DateTimeISO: [YEAR_ZERO, PAST_YEAR_9999],
  JSONObject: [{ note: LONE_SURROGATE }, { [LONE_SURROGATE]: 'key' }],
};

/** A valid value of a type (required parts only), so only the argument under test is bad. */
function dummy(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [dummy(inner.ofType)];
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, dummy(f.type)]),
    );
  }
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  switch (inner.name) {
    case 'ID':
      return randomUUID();
    case 'String':
      return 'x';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return '2024-01-01T00:00:00Z';
    case 'JSONObject':
      return {};
  }
  throw new Error(`no dummy value for ${inner.name}`);
}

/** One text or date value inside an argument: its dotted path and the schema coordinate it is. */
interface Target {
  path: string[];
  scalar: string;
  coordinate: string;
}

function targetsOf(type: GraphQLInputType, path: string[], coordinate: string, seen: Set<string>): Target[] {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (seen.has(named.name)) return [];
    const inner = new Set(seen).add(named.name);
    return Object.values(named.getFields()).flatMap((f) => targetsOf(f.type, [...path, f.name], `${named.name}.${f.name}`, inner));
  }
  return named.name in BAD_VALUES ? [{ path, scalar: named.name, coordinate }] : [];
}

/** The argument's value with the bad value placed at the target path (objects inside lists included). */
function withBadValue(type: GraphQLInputType, path: string[], bad: unknown): unknown {
  if (path.length === 0) return isListType(getNullableType(type)) ? [bad] : bad;
  const inner = getNullableType(type);
  if (isListType(inner)) return [withBadValue(inner.ofType, path, bad)];
  if (!isInputObjectType(inner)) throw new Error('path into a scalar');
  const [head, ...rest] = path;
  const field = inner.getFields()[head!]!;
  return { ...(dummy(inner) as object), [head!]: withBadValue(field.type, rest, bad) };
}

interface Case {
  operation: 'query' | 'mutation' | 'subscription';
  /** A field of a resource's records, reached through its list (`allSkillQueues { canTransferTo(…) }`). */
  via?: { type: string; list: string };
  field: string;
  arg: GraphQLArgument;
  target: Target;
  bad: unknown;
}

const rootOf = (operation: Case['operation']) =>
  (operation === 'query' ? schema.getQueryType() : operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType())!;

/** Every root field × every text/date argument value inside it × every bad value of its type. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const operation of ['query', 'mutation', 'subscription'] as const) {
    const root = rootOf(operation);
    for (const field of Object.values(root!.getFields())) {
      for (const arg of field.args) {
        for (const target of targetsOf(arg.type, [arg.name], `${root!.name}.${field.name}(${arg.name}:)`, new Set())) {
          for (const bad of BAD_VALUES[target.scalar]!) out.push({ operation, field: field.name, arg, target, bad });
        }
      }
    }
  }
  // The arguments of records' own fields, through each listed resource's list query.
  const lists = schema.getQueryType()!.getFields();
  for (const type of Object.values(schema.getTypeMap())) {
    if (
      !isObjectType(type) ||
      type.name.startsWith('__') ||
      type === schema.getQueryType() ||
      type === schema.getMutationType() ||
      type === schema.getSubscriptionType()
    )
      continue;
    const list = Object.keys(lists).find((name) => name.startsWith('all') && getNamedType(lists[name]!.type) === type);
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        const coordinate = `${type.name}.${field.name}(${arg.name}:)`;
        for (const target of targetsOf(arg.type, [arg.name], coordinate, new Set())) {
          if (!list) throw new Error(`${coordinate}: no list query reaches it`);
          for (const bad of BAD_VALUES[target.scalar]!) out.push({ operation: 'query', via: { type: type.name, list }, field: field.name, arg, target, bad });
        }
      }
    }
  }
  return out;
}

function request(c: Case): { query: string; variables: Record<string, unknown> } {
  if (c.via) {
    const field = (schema.getType(c.via.type) as GraphQLObjectType).getFields()[c.field]!;
    const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
    return {
      query: `query($${c.arg.name}: ${String(c.arg.type)}) { ${c.via.list}(perPage: 1) { ${c.field}(${c.arg.name}: $${c.arg.name})${selection} } }`,
      variables: { [c.arg.name]: withBadValue(c.arg.type, c.target.path.slice(1), c.bad) },
    };
  }
  const root = rootOf(c.operation);
  const field = root.getFields()[c.field]!;
  const variables: Record<string, unknown> = {};
  const used = field.args.filter((a) => a === c.arg || (isNonNullType(a.type) && a.defaultValue === undefined));
  for (const a of used) variables[a.name] = a === c.arg ? withBadValue(a.type, c.target.path.slice(1), c.bad) : dummy(a.type);
  const declarations = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const callArgs = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return { query: `${c.operation}(${declarations}) { ${c.field}(${callArgs})${selection} }`, variables };
}

/** Every text/date coordinate the schema declares: each argument of any field, each input field. */
function schemaCoordinates(): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (getNamedType(arg.type).name in BAD_VALUES) out.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) if (getNamedType(f.type).name in BAD_VALUES) out.push(`${type.name}.${f.name}`);
    }
  }
  return out;
}

const WRITE = /^\s*(insert|update|delete|merge|truncate|alter|create|drop)\b/i;
const auditCount = () => t.db().count(AuditEntry, { tenant: tenant.tenantId });

describe('input PostgreSQL cannot store is BAD_USER_INPUT on its field, never a 500', () => {
  it('every text, id, date and JSON argument of the schema (walked generically) refuses a lone surrogate and out-of-range dates, writing nothing', async () => {
    const all = cases();
    const live = wsClient(t.wsUrl, admin.token);
    // The set-up's events are numbered by the relay after their commits: let it finish, so its statements are not counted as a case's.
    const unnumbered = async () =>
      Number((await t.db().getConnection().execute<{ n: string }[]>('select count(*) as n from event_outbox where pos is null'))[0]!.n);
    await expect.poll(unnumbered, { timeout: 30_000 }).toBe(0);
    const auditBefore = await auditCount();
    const failures: string[] = [];
    const covered = new Set<string>();
    for (const c of all) {
      const body = request(c);
      // Subscriptions over WebSocket: a refused one answers at once; one accepted would stay open (a failure, after 10 s).
      const send = () =>
        c.operation === 'subscription'
          ? Promise.race([
              wsRequest(live, body.query, body.variables),
              new Promise<GraphQLResponse<unknown>>((done) => setTimeout(() => done({ data: 'still open' }), 10_000).unref()),
            ])
          : admin.request(body.query, body.variables);
      const { result: res, statements } = await countStatements(t, send);
      const key = c.target.path.join('.');
      const error = (res as GraphQLResponse<unknown>).errors?.[0];
      const fields = error?.extensions?.fields ?? {};
      const named = Object.keys(fields).some((f) => f === key || f.startsWith(`${key}.`));
      const writes = statements.filter((s) => WRITE.test(s));
      if (error?.extensions?.code !== 'BAD_USER_INPUT' || !named || writes.length) {
        failures.push(`${c.field} ${key}=${JSON.stringify(c.bad)}: ${JSON.stringify(error ?? res)}${writes.length ? ` writes: ${writes.join('; ')}` : ''}`);
      } else {
        covered.add(c.target.coordinate);
        covered.add(c.via ? c.target.coordinate : `${rootOf(c.operation).name}.${c.field}(${c.arg.name}:)`);
      }
    }
    expect(failures).toEqual([]);
    expect(await auditCount()).toBe(auditBefore);

    // The walk is complete: every coordinate the schema declares was refused at least once,
    // and there were at least as many calls as text/date argument coordinates.
    const coordinates = schemaCoordinates();
    expect(coordinates.filter((c) => !covered.has(c))).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(coordinates.length);
    expect(coordinates.length).toBeGreaterThan(100);
    console.info(`bad-input walk: ${all.length} calls over ${coordinates.length} text/date coordinates`);
  });

  it('a year-0000 recordContact.startedAt answers BAD_USER_INPUT on startedAt, recording nothing', async () => {
    const audit = await auditCount();
    const res = await admin.request(
      'mutation($s: DateTimeISO!) { recordContact(caller: "+44 7700 900123", called: "800", channel: VOICE, startedAt: $s) { id } }',
      { s: YEAR_ZERO },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { startedAt: expect.any(String) } });
    expect(await auditCount()).toBe(audit);
  });

  it('an out-of-range contactHistory.to and audit filter date answer BAD_USER_INPUT on their field', async () => {
    const customer = await admin.ok<{ createCustomer: { id: string } }>('mutation { createCustomer(name: "Dated") { id } }');
    const history = await admin.request('query($id: ID!, $to: DateTimeISO) { contactHistory(customerId: $id, to: $to) { id } }', {
      id: customer.createCustomer.id,
      to: PAST_YEAR_9999,
    });
    expect(history.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { to: expect.any(String) } });
    const audit = await admin.request('query($f: DateTimeISO) { allAuditEntries(filter: { from: $f }) { id } }', { f: YEAR_ZERO });
    expect(audit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'filter.from': expect.any(String) } });
    // A literal date reaches the same rule as a variable.
    const literal = await admin.request(`{ allAuditEntries(filter: { to: "${YEAR_ZERO}" }) { id } }`);
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { 'filter.to': expect.any(String) } });
  });

  it('a contactHistory period whose From is not before its To answers BAD_USER_INPUT on from, not an empty list', async () => {
    const customer = await admin.ok<{ createCustomer: { id: string } }>('mutation { createCustomer(name: "Backwards") { id } }');
    const query = 'query($id: ID!, $f: DateTimeISO, $t: DateTimeISO) { contactHistory(customerId: $id, from: $f, to: $t) { id } }';
    for (const [f, t] of [
      ['2026-03-02T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ['2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    ]) {
      const res = await admin.request(query, { id: customer.createCustomer.id, f, t });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { from: 'From must be before To' } });
    }
    const ok = await admin.ok<{ contactHistory: unknown[] }>(query, {
      id: customer.createCustomer.id,
      f: '2026-03-01T00:00:00.000Z',
      t: '2026-03-02T00:00:00.000Z',
    });
    expect(ok.contactHistory).toEqual([]);
  });

  it('a lone surrogate in an audited string (in a variable or a literal) writes neither the record nor its audit entry', async () => {
    const audit = await auditCount();
    const viaVariable = await admin.request('mutation($n: String!) { createOrgUnit(name: $n) { id } }', { n: LONE_SURROGATE });
    expect(viaVariable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { name: expect.any(String) } });
    // In a literal, graphql-js's lexer already refuses the escape: a request error, not a 500.
    const viaLiteral = await admin.request('mutation { createOrgUnit(name: "x\\ud800y") { id } }');
    expect(viaLiteral.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(await auditCount()).toBe(audit);
    // A well-formed pair (an emoji) is text like any other.
    const ok = await admin.ok<{ createOrgUnit: { id: string } }>('mutation($n: String!) { createOrgUnit(name: $n) { id } }', { n: 'Team \u{1F600}' });
    expect(ok.createOrgUnit.id).toBeTruthy();
  });
});
