import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The bare baseline: what the machine does without our stack. A plain node:http server (its own
 * process, started by bare-server.ts) answering each question with one hand-written SQL statement
 * through `pg` (a pool of 16, named prepared statements planned per call), replying with the same JSON as the API
 * (the statement builds the reply text itself). Nothing of the product is imported here.
 *
 *   GET /hello?id=ID                       {"data":{"me":{"id":ID}}}, no database
 *   GET /context?tenant=T&phone=P          customerContext(phone: P) as bench/context.ts selects it (tenant admin)
 *   GET /page?tenant=T&offset=O            allCustomers(page, perPage: 25) as bench/lists.ts selects it
 */

/** Timestamps as GraphQL's DateTimeISO writes them (JavaScript's toISOString). */
const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const CUSTOMER_JSON = (c: string) =>
  `json_build_object('id', ${c}.id, 'customerNumber', ${c}.customer_number, 'name', ${c}.name, 'gender', ${c}.gender, 'phones', ${c}.phones,
     'emails', ${c}.emails, 'company', ${c}.company, 'ouId', ${c}.ou_id, 'updatedAt', ${iso(`${c}.updated_at`)})`;

/** Same number first, then the longest common tail, then the most recently updated customer. */
const CONTEXT_SQL = `
  with m as (
    select p.customer_id, max(length(p.digits)) as len, bool_or(p.digits = $2) as exact
      from customer_phone p
     where p.tenant_id = $1 and (p.digits_rev like $3 or p.digits = any($4))
     group by p.customer_id
  ), t as (
    select c.* from customer c join m on m.customer_id = c.id where c.tenant_id = $1
     order by m.exact desc, m.len desc, c.updated_at desc limit 1
  )
  select json_build_object('data', json_build_object('customerContext', (
    select json_build_object(
      'customer', ${CUSTOMER_JSON('t')},
      'latestContacts', coalesce((
        select json_agg(json_build_object('id', cr.id, 'caller', cr.caller, 'called', cr.called, 'channel', cr.channel, 'direction', cr.direction,
                          'startedAt', ${iso('cr.started_at')}, 'endedAt', ${iso('cr.ended_at')}) order by cr.started_at desc, cr.id desc)
          from (select * from contact_record where customer_id = t.id order by started_at desc, id desc limit 5) cr), '[]'),
      'openRequests', coalesce((
        select json_agg(json_build_object('id', r.id, 'title', r.title, 'status', 'OPEN', 'lastActivityAt', ${iso('r.last_activity_at')},
                          'activities', coalesce((
                            select json_agg(json_build_object('id', a.id, 'mediaType', a.media_type, 'tags', a.tags, 'createdAt', ${iso('a.created_at')})
                                            order by a.created_at desc)
                              from activity a where a.request_id = r.id), '[]')) order by r.last_activity_at desc)
          from customer_request r
         where r.customer_id = t.id and r.closed_at is null and r.last_activity_at > now() - interval '5 days'), '[]'),
      'access', json_build_object('canEdit', true, 'canDelete', true))
    from t)))::text as body`;

const PAGE_SQL = `
  select json_build_object('data', json_build_object('allCustomers', coalesce((
    select json_agg(${CUSTOMER_JSON('c')} order by c.customer_number desc, c.id desc)
      from (select * from customer where tenant_id = $1 order by customer_number desc, id desc limit 25 offset $2) c), '[]')))::text as body`;

/** The phone matching of the product, written out: digits without leading zeros; its tails of 7+ digits. */
function phoneArgs(phone: string): [string, string, string[]] {
  const stripped = phone.replace(/\D/g, '').replace(/^0+/, '');
  const wholes: string[] = [];
  for (let len = stripped.length; len >= 7; len--) wholes.push(stripped.slice(stripped.length - len));
  return [stripped, `${[...stripped].reverse().join('')}%`, wholes];
}

// Planned for its parameters on every call: a generic plan of `digits_rev like $3` cannot use the
// index and scans every phone; parsed once all the same.
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 16, options: '-c plan_cache_mode=force_custom_plan' });

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://bare');
  const q = url.searchParams;
  const reply = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  try {
    if (url.pathname === '/hello') return reply(200, JSON.stringify({ data: { me: { id: q.get('id') } } }));
    if (url.pathname === '/context') {
      const { rows } = await pool.query({ name: 'context', text: CONTEXT_SQL, values: [q.get('tenant'), ...phoneArgs(q.get('phone') ?? '')] });
      return reply(200, rows[0].body);
    }
    if (url.pathname === '/page') {
      const { rows } = await pool.query({ name: 'page', text: PAGE_SQL, values: [q.get('tenant'), Number(q.get('offset') ?? 0)] });
      return reply(200, rows[0].body);
    }
    reply(404, '{"error":"not found"}');
  } catch (e) {
    reply(500, JSON.stringify({ error: String(e) }));
  }
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare listening on ${typeof address === 'object' && address ? address.port : '?'}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
