import { EXACT_COUNT_LIMIT } from '../common/list';
import { nationalNumber } from './ids';
import { probe, type Target } from './load';
import { expect, graphql, type Scenario, sameAs } from './scenario';
import type { World } from './seed';

/** A row of the customer list: the customer's own columns (the bare server's statement builds the same). */
const ROW = 'id customerNumber name gender phones emails company ouId updatedAt';
const PAGE_QUERY = `query Page($page: Int) { allCustomers(page: $page, perPage: 25) { ${ROW} } }`;

/** What the console's stock ra-data-graphql-simple sends for the customer list (its buildFields over the schema). */
const CONSOLE_QUERY = `query allCustomers($page: Int, $perPage: Int, $sortField: String, $sortOrder: String, $filter: CustomerFilter) {
  items: allCustomers(page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder, filter: $filter) {
    access { canDelete canEdit } address addressDetail company createdAt customerNumber emails gender id
    latestContacts { agent called caller channel createdAt customer { id } customerId direction endedAt id skillQueue startedAt userId }
    name ou { id } ouId phones remark updatedAt version
  }
  total: _allCustomersMeta(page: $page, perPage: $perPage, filter: $filter) { count }
}`;

const KEYSET_QUERY = `query Keyset($after: ID) { allCustomers(after: $after, perPage: 25) { ${ROW} } }`;

const SEARCH_QUERY = `query Search($phone: String) { allCustomers(filter: { phone: $phone }, perPage: 25) { id customerNumber name } }`;

type Row = { id: string; customerNumber: string; ouId: string | null };

/** Page `page` of the default order (newest customer number first) holds these numbers. */
const checkPage = (world: World, page: number) => (data: Record<string, unknown>) => {
  const rows = data.allCustomers as Row[];
  expect(rows.length === 25, `${rows.length} rows instead of 25`);
  const first = String(10_000_000 + world.customers - page * 25);
  expect(rows[0]!.customerNumber === first, `page ${page} starts at customer ${rows[0]!.customerNumber}, not ${first}`);
};

/**
 * M4 (the same page as an OU-scoped employee and as the tenant admin) and M5 (a 25-row page vs the
 * bare server's statement; the console's page + count; page 400 vs page 0; phone search at one
 * connection).
 */
export async function listScenarios(api: Target, bare: Target, world: World, tokens: { admin: string; scoped: string }): Promise<Scenario[]> {
  const deep = Math.min(400, Math.floor(world.customers / 25) - 1);
  const page = (p: number) => graphql(tokens.admin, PAGE_QUERY, { page: p }, checkPage(world, p));
  // The same deep page by keyset: after the last customer of the page before it.
  const [before] = (await probe(api, [page(deep - 1)])).map((body) => JSON.parse(body) as { data: { allCustomers: Row[] } });
  const keysetPage = graphql(tokens.admin, KEYSET_QUERY, { after: before!.data.allCustomers.at(-1)!.id }, checkPage(world, deep));
  const [answer] = (await probe(api, [page(0)])).map((body) => JSON.parse(body) as unknown);
  const scoped = new Set(world.scopedOuIds);
  const scopedPage = graphql(tokens.scoped, PAGE_QUERY, { page: 0 }, (data) => {
    const rows = data.allCustomers as Row[];
    expect(rows.length === 25, `${rows.length} rows instead of 25`);
    expect(
      rows.every((r) => r.ouId === null || scoped.has(r.ouId)),
      'the scoped employee got a customer outside its region',
    );
  });
  const consolePage = graphql(tokens.admin, CONSOLE_QUERY, { page: 0, perPage: 25, sortField: 'id', sortOrder: 'ASC', filter: {} }, (data) => {
    const items = data.items as { latestContacts: unknown[] }[];
    const total = (data.total as { count: number }).count;
    expect(items.length === 25, `${items.length} items instead of 25`);
    // Exact up to the limit; above it PostgreSQL's estimate, which the console shows as "about".
    const right =
      world.customers <= EXACT_COUNT_LIMIT
        ? total === world.customers
        : total > EXACT_COUNT_LIMIT && total > world.customers / 2 && total < world.customers * 2;
    expect(right, `total ${total} for ${world.customers} customers`);
  });
  const searches = world.contextCustomers.map((c) => {
    const d = nationalNumber(c.n);
    const phone = `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
    return graphql(tokens.admin, SEARCH_QUERY, { phone }, (data) => {
      const rows = data.allCustomers as Row[];
      expect(rows.length === 1 && rows[0]!.id === c.id, `phone search "${phone}" should find customer ${c.id} only, found ${rows.length}`);
    });
  });
  return [
    {
      id: 'M4',
      name: 'the M5 page as an OU-scoped employee (one region)',
      target: api,
      requests: [scopedPage],
      baseline: 'M5',
      goal: { kind: 'ratio-at-least', value: 0.95 },
    },
    {
      id: 'M5',
      name: '25-row customer page, API (tenant admin)',
      target: api,
      requests: [page(0)],
      baseline: 'M5 bare',
      goal: { kind: 'ratio-at-least', value: 0.6 },
    },
    {
      id: 'M5 bare',
      name: 'same page, one SQL statement behind node:http',
      target: bare,
      requests: [sameAs(`/page?tenant=${world.tenantId}&offset=0`, () => answer)],
    },
    {
      id: 'M5 console',
      name: "page + _allCustomersMeta { count }, the console's query",
      target: api,
      requests: [consolePage],
      goal: { kind: 'rps-at-least', value: 300 },
    },
    {
      id: 'M5 deep',
      name: `page ${deep} (${deep * 25} rows deep) by keyset (after), API`,
      target: api,
      requests: [keysetPage],
      baseline: 'M5',
      goal: { kind: 'ratio-at-most', value: 1.5 },
    },
    {
      id: 'M5 offset',
      name: `the same page by offset (page: ${deep}), API`,
      target: api,
      requests: [page(deep)],
      baseline: 'M5',
    },
    {
      id: 'M5 search',
      name: 'phone search (national number), 1 connection',
      target: api,
      requests: searches,
      connections: 1,
      goal: { kind: 'p99-at-most', value: 5 },
    },
  ];
}
