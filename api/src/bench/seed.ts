import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { contactLookups } from '../modules/customer/lookups';
import { benchId, callerPhone, Kind, prefixOf, sqlId } from './ids';

/** What the scenarios need to know of the seeded data. */
export interface World {
  tenantId: string;
  tenantCode: string;
  /** The tenant the bulk import (M7) writes into and empties again. */
  importTenantId: string;
  importTenantCode: string;
  adminId: string;
  /** An employee granted one region (OU subtree): about a tenth of the customers. */
  scopedId: string;
  scopedOuIds: string[];
  customers: number;
  contacts: number;
  /** Customers with 8+ contacts and open requests: the call-time lookups go to these. */
  contextCustomers: { n: number; id: string; phone: string }[];
  seeded: boolean;
  seedSeconds: number;
}

export interface SeedSize {
  customers: number;
  contacts: number;
  ous: number;
  agents: number;
}

const ROOTS = 10;
const CONTEXT_CUSTOMERS = 32;
/** Marks a tenant whose seeding finished: a run seeing it reuses the data. */
const SEEDED_NAME = 'Benchmark';
const SEEDING_NAME = 'Benchmark (seeding)';
/** Whole seconds: the timestamps read back through JavaScript Dates and through SQL text are the same. */
const BASE = `date_trunc('second', now())`;

const codeOf = (size: SeedSize) => `bench-${size.customers}-${size.contacts}`;

/**
 * The benchmark's tenant of the requested size: reused when a finished one is there, otherwise
 * (re)seeded with set-based SQL straight into the product's tables, exactly the rows the API
 * writes (customer_phone / customer_email lookups as replaceLookups computes them, checked on a
 * sample against contactLookups).
 */
export async function seedWorld(pg: Client, databaseUrl: string, size: SeedSize, log: (line: string) => void): Promise<World> {
  const code = codeOf(size);
  const started = performance.now();
  const { rows } = await pg.query<{ id: string; name: string }>('select id, name from tenant where code = $1', [code]);
  let seeded = false;
  if (rows[0]?.name !== SEEDED_NAME) {
    if (rows[0]) await discard(pg, code, log);
    // Two connections: the lookup rows and the contact history are written side by side.
    const second = new Client({ connectionString: databaseUrl });
    await second.connect();
    try {
      await seed([pg, second], code, size, log);
    } finally {
      await second.end();
    }
    seeded = true;
  }
  const tenantId = (await pg.query<{ id: string }>('select id from tenant where code = $1', [code])).rows[0]!.id;
  const prefix = prefixOf(tenantId);
  const world = worldOf(prefix, code, size, seeded, (performance.now() - started) / 1000);
  world.importTenantId = (await pg.query<{ id: string }>('select id from tenant where code = $1', [world.importTenantCode])).rows[0]!.id;
  await refresh(pg, world);
  await checkLookups(pg, world);
  return world;
}

/**
 * An unfinished seed is deleted; one whose audit entries (immutable, by trigger) keep it is
 * emptied of its customers, contact records and agents and renamed out of the way instead.
 */
async function discard(pg: Client, code: string, log: (line: string) => void) {
  const codes = [code, `${code}-imp`];
  try {
    await pg.query('delete from tenant where code = any($1)', [codes]);
    log(`removed the unfinished benchmark tenant ${code}`);
  } catch {
    // Its bulk rows go all the same: a second tenant of the same data changes the planner's choices.
    const old = `bench-old-${randomBytes(4).toString('hex')}`;
    await pg.query('delete from contact_record where tenant_id in (select id from tenant where code = any($1))', [codes]);
    await pg.query('delete from customer where tenant_id in (select id from tenant where code = any($1))', [codes]);
    await pg.query('delete from agent where tenant_id in (select id from tenant where code = any($1))', [codes]);
    await pg.query(`update tenant set code = $2 || substr(code, length($3) + 1) where code = any($1)`, [codes, old, code]);
    log(`emptied the unfinished benchmark tenant ${code} and renamed it ${old} (its audit entries cannot be deleted)`);
  }
}

function worldOf(prefix: string, code: string, size: SeedSize, seeded: boolean, seedSeconds: number): World {
  const id = (kind: Kind, n: number) => benchId(prefix, kind, n);
  // Region 1 and its 19 teams (OU numbers 1 and 101..119).
  const perRoot = size.ous / ROOTS - 1;
  const scopedOuIds = [id(Kind.OU, 1), ...Array.from({ length: perRoot }, (_, i) => id(Kind.OU, 101 + i))];
  return {
    tenantId: id(Kind.TENANT, 0),
    tenantCode: code,
    importTenantId: '',
    importTenantCode: `${code}-imp`,
    adminId: id(Kind.EMPLOYEE, 1),
    scopedId: id(Kind.EMPLOYEE, 2),
    scopedOuIds,
    customers: size.customers,
    contacts: size.contacts,
    contextCustomers: contextNumbers(size.customers).map((n) => ({ n, id: id(Kind.CUSTOMER, n), phone: callerPhone(n) })),
    seeded,
    seedSeconds,
  };
}

/** Spread over the whole table (not its hot end): 1, 1 + N/32, 1 + 2N/32, ... */
const contextNumbers = (customers: number) =>
  [...new Set(Array.from({ length: CONTEXT_CUSTOMERS }, (_, i) => 1 + Math.floor((i * customers) / CONTEXT_CUSTOMERS)))].filter((n) => n <= customers);

async function seed([pg, second]: [Client, Client], code: string, size: SeedSize, log: (line: string) => void) {
  const prefix = randomBytes(4).toString('hex');
  const id = (kind: Kind, n: string) => sqlId(prefix, kind, n);
  const tenant = benchId(prefix, Kind.TENANT, 0);
  const step = async (what: string, sql: string, params: unknown[] = [], client = pg) => {
    const t = performance.now();
    const r = await client.query(sql, params);
    log(`  ${what}: ${r.rowCount ?? 0} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  log(`seeding ${code}: ${size.customers} customers, ${size.contacts} contact records, ${size.ous} OUs, ${size.agents} agents`);
  const N = size.customers;
  await step(
    'tenants',
    `insert into tenant (id, code, name, quota_audio_agents, quota_video_agents, customer_number_seq)
     values ($1, $2, $3, $4, $4, 10000000 + $5), (gen_random_uuid(), $2 || '-imp', 'Benchmark import', 0, 0, 10000000)`,
    [tenant, code, SEEDING_NAME, size.agents, N],
  );
  const perRoot = size.ous / ROOTS - 1;
  // OU k (1..ous): 1..10 are the regions, 101.. their teams (team t belongs to region 1 + (t - 1) / perRoot).
  const ouOf = (k: string) => `(case when ${k} <= ${ROOTS} then ${id(Kind.OU, k)} else ${id(Kind.OU, `100 + ${k} - ${ROOTS}`)} end)`;
  await step(
    'OUs',
    `insert into org_unit (id, tenant_id, name, parent_id, path)
     select ${id(Kind.OU, 'g')}, $1::uuid, 'Region ' || g, null, 'Region ' || g from generate_series(1, ${ROOTS}) g
     union all
     select ${id(Kind.OU, '100 + g')}, $1::uuid, 'Team ' || g, ${id(Kind.OU, `1 + (g - 1) / ${perRoot}`)}, 'Region ' || (1 + (g - 1) / ${perRoot}) || ' / Team ' || g
       from generate_series(1, ${ROOTS * perRoot}) g`,
    [tenant],
  );
  const national = (g: string, base: number) => `(${base}::bigint + ${g})::text`;
  const entered = (d: string) => `'+1 ' || substr(${d}, 1, 3) || ' ' || substr(${d}, 4, 3) || ' ' || substr(${d}, 7, 4)`;
  const at = (seconds: string) => `${BASE} - (${seconds}) * interval '1 second'`;
  // Every 20th customer is Unorganized; every 4th has a second phone.
  await step(
    'customers',
    `insert into customer (id, tenant_id, customer_number, ou_id, name, gender, phones, emails, company, created_at, updated_at)
     select ${id(Kind.CUSTOMER, 'g')}, $1::uuid, (10000000 + g)::text,
            case when g % 20 = 0 then null else ${ouOf(`(1 + (g::bigint * 7919) % ${size.ous})`)} end,
            'Customer ' || g, (array['UNKNOWN', 'MALE', 'FEMALE'])[1 + g % 3]::gender,
            case when g % 4 = 0 then array[${entered(national('g', 2e9))}, ${entered(national('g', 3e9))}] else array[${entered(national('g', 2e9))}] end,
            array['c' || g || '@example.com'], 'Company ' || (g % 1000), ${at(`${N} - g + 86400`)}, ${at(`${N} - g`)}
       from generate_series(1, ${N}) g`,
    [tenant],
  );
  const phoneRow = (kind: Kind, base: number, where: string) =>
    `select ${id(kind, 'g')}, $1::uuid, ${id(Kind.CUSTOMER, 'g')}, ${entered(national('g', base))}, '+1' || ${national('g', base)},
            '1' || ${national('g', base)}, reverse('1' || ${national('g', base)})
       from generate_series(1, ${N}) g ${where}`;
  const context = contextNumbers(N);
  const contactCols = 'id, tenant_id, customer_id, caller, called, channel, direction, started_at, ended_at, created_at';
  const history = async () => {
    // Contact records spread evenly over the customers (within the last 30 days), plus 8 more for each context customer.
    await step(
      'contact records',
      `insert into contact_record (${contactCols})
     select ${id(Kind.CONTACT, 'g')}, $1::uuid, ${id(Kind.CUSTOMER, `1 + (g - 1) % ${N}`)}, '+1' || ${national(`1 + (g - 1) % ${N}`, 2e9)}, '800',
            (array['VOICE', 'WEB', 'EMAIL', 'WHATSAPP'])[1 + g % 4]::channel, (array['INBOUND', 'OUTBOUND'])[1 + g % 2]::direction,
            ${at(`(g * 37) % 2592000`)}, ${at(`(g * 37) % 2592000 - 120`)}, ${at(`(g * 37) % 2592000 - 120`)}
       from generate_series(1, ${size.contacts}) g
     union all
     select ${id(Kind.CONTACT, `${size.contacts} + c.i * 8 + d`)}, $1::uuid, ${id(Kind.CUSTOMER, 'c.n')}, '+1' || ${national('c.n', 2e9)}, '800',
            'VOICE', 'INBOUND', ${at('d * 3600 + 60')}, ${at('d * 3600')}, ${at('d * 3600')}
       from unnest($2::int[]) with ordinality c(n, i), generate_series(1, 8) d`,
      [tenant, context],
      second,
    );
    // Context customers: 2 open requests with 3 activities each and 1 closed one; every 50th customer one old request.
    await step(
      'requests',
      `insert into customer_request (id, tenant_id, customer_id, title, closed_at, last_activity_at, created_at, updated_at)
     select ${id(Kind.REQUEST, 'c.i * 3 + r')}, $1::uuid, ${id(Kind.CUSTOMER, 'c.n')}, 'Request ' || r || ' of customer ' || c.n,
            case when r = 3 then ${at('86400')} end, ${at('r * 7200')}, ${at('r * 7200 + 86400')}, ${at('r * 7200')}
       from unnest($2::int[]) with ordinality c(n, i), generate_series(1, 3) r
     union all
     select ${id(Kind.REQUEST, `1000000 + g`)}, $1::uuid, ${id(Kind.CUSTOMER, 'g')}, 'Old request of customer ' || g, null,
            ${at('864000 + g % 86400')}, ${at('950400')}, ${at('864000')}
       from generate_series(50, ${N}, 50) g`,
      [tenant, context],
      second,
    );
    await step(
      'activities',
      `insert into activity (id, tenant_id, customer_id, request_id, media_type, tags, fields, created_at, updated_at)
     select ${id(Kind.ACTIVITY, '(c.i * 3 + r) * 4 + a')}, $1::uuid, ${id(Kind.CUSTOMER, 'c.n')}, ${id(Kind.REQUEST, 'c.i * 3 + r')},
            'VOICE'::channel, array['bench'], '{}'::jsonb, ${at('r * 7200 + a * 600')}, ${at('r * 7200 + a * 600')}
       from unnest($2::int[]) with ordinality c(n, i), generate_series(1, 3) r, generate_series(1, 3) a
     union all
     select ${id(Kind.ACTIVITY, `4000000 + g`)}, $1::uuid, ${id(Kind.CUSTOMER, 'g')}, ${id(Kind.REQUEST, '1000000 + g')}, 'EMAIL'::channel, '{}'::text[], '{}'::jsonb,
            ${at('864000 + g % 86400')}, ${at('864000 + g % 86400')}
       from generate_series(50, ${N}, 50) g`,
      [tenant, context],
      second,
    );
  };
  const lookups = async () => {
    await step(
      'customer phones (lookup rows)',
      `insert into customer_phone (id, tenant_id, customer_id, raw, normalized, digits, digits_rev)
       ${phoneRow(Kind.PHONE, 2e9, '')} union all ${phoneRow(Kind.SECOND_PHONE, 3e9, 'where g % 4 = 0')}`,
      [tenant],
    );
    await step(
      'customer e-mails (lookup rows)',
      `insert into customer_email (id, tenant_id, customer_id, email_lower)
       select ${id(Kind.EMAIL, 'g')}, $1::uuid, ${id(Kind.CUSTOMER, 'g')}, 'c' || g || '@example.com' from generate_series(1, ${N}) g`,
      [tenant],
    );
  };
  await Promise.all([lookups(), history()]);
  await step(
    'employees',
    `insert into employee (id, tenant_id, account, name, home_ou_id, password_hash, is_tenant_admin)
     select ${id(Kind.EMPLOYEE, 'g')}, $1::uuid, $2 || '.' || g, 'Employee ' || g,
            case when g <= 2 then ${id(Kind.OU, '1')} else ${ouOf(`(1 + g % ${size.ous})`)} end, 'not used: tokens are issued directly', g = 1
       from generate_series(1, 500) g`,
    [tenant, `bench.${prefix}`],
  );
  await step(
    'role and grant of the scoped employee',
    `with role as (insert into role (id, tenant_id, name, permissions) values (${id(Kind.ROLE, '1')}, $1::uuid, 'Customer service',
                     array['customer-center', 'customer-center:view', 'customer-center:edit-contacts', 'customer-context', 'customer-context:view']) returning id),
          er as (insert into employee_role (employee_id, role_id) select ${id(Kind.EMPLOYEE, '2')}, id from role)
     insert into ou_grant (id, tenant_id, employee_id, ou_id, can_read, can_write) values (${id(Kind.GRANT, '1')}, $1::uuid, ${id(Kind.EMPLOYEE, '2')}, ${id(Kind.OU, '1')}, true, true)`,
    [tenant],
  );
  await step(
    'skill queues',
    `insert into skill_queue (id, tenant_id, ou_id, name, subtypes)
     select ${id(Kind.QUEUE, 'g')}, $1::uuid, ${ouOf(`(1 + g % ${size.ous})`)}, 'Queue ' || g, '{}' from generate_series(1, 50) g`,
    [tenant],
  );
  await step(
    'agents',
    `insert into agent (id, tenant_id, agent_id, agent_type, softphone_number)
     select gen_random_uuid(), $1, g, (case when g % 2 = 0 then 'AUDIO' else 'VIDEO' end)::agent_type, '9' || g from generate_series(1, ${size.agents}) g`,
    [tenant],
  );
  await step('analyze', 'analyze customer, customer_phone, customer_email, contact_record, customer_request, activity, org_unit, employee, agent');
  await pg.query('update tenant set name = $2 where id = $1', [tenant, SEEDED_NAME]);
}

/** Open requests stay open only 5 days after their last activity: a reused tenant's are moved to now again. */
async function refresh(pg: Client, world: World) {
  const context = world.contextCustomers.map((c) => c.n);
  const prefix = prefixOf(world.tenantId);
  await pg.query(
    `update customer_request q set last_activity_at = ${BASE} - (x.r * 7200) * interval '1 second'
       from unnest($2::int[]) with ordinality c(n, i), generate_series(1, 3) x(r)
      where q.tenant_id = $1 and q.id = ${sqlId(prefix, Kind.REQUEST, 'c.i * 3 + x.r')}`,
    [world.tenantId, context],
  );
  // What a previous run's bulk import left behind (it empties its tenant after each round).
  await pg.query('delete from customer where tenant_id = $1', [world.importTenantId]);
}

/** The lookup rows written by SQL are the ones the API computes (contactLookups) for a sample of customers. */
async function checkLookups(pg: Client, world: World) {
  const sample = [1, 2, 4, 8, 1000, world.customers, ...world.contextCustomers.map((c) => c.n)].filter((n) => n <= world.customers);
  const { rows } = await pg.query<{ phones: string[]; emails: string[]; lookups: { raw: string; normalized: string; digits: string; digitsRev: string }[] }>(
    `select c.phones, c.emails,
            (select json_agg(json_build_object('raw', p.raw, 'normalized', p.normalized, 'digits', p.digits, 'digitsRev', p.digits_rev) order by p.id)
               from customer_phone p where p.customer_id = c.id) as lookups
       from customer c where c.tenant_id = $1 and c.customer_number = any($2) order by c.customer_number`,
    [world.tenantId, sample.map((n) => String(10_000_000 + n))],
  );
  if (rows.length !== new Set(sample).size) throw new Error(`seed check: found ${rows.length} of ${new Set(sample).size} sampled customers`);
  for (const row of rows) {
    const expected = JSON.stringify(contactLookups(row.phones, row.emails).phones);
    if (JSON.stringify(row.lookups) !== expected) throw new Error(`seed check: lookup rows ${JSON.stringify(row.lookups)} differ from the API's ${expected}`);
  }
}
