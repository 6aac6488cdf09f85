import { Migration } from '@mikro-orm/migrations';

/**
 * The relay's numbering of committed events as one statement (modules/events/relay.ts): it was a
 * transaction of seven round trips and a NOTIFY after it, each a wait under write load, between a
 * commit and its subscribers. Inside a function every statement takes a fresh snapshot (read
 * committed), so the rows read after the advisory lock include everything committed before it:
 * the guarantee the separate statements gave.
 */
export class Migration20261204014500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "switchboard_assign_events"(lock_key bigint, batch integer, channel text)
  returns setof "event_outbox" language plpgsql volatile as $$
declare
  ids bigint[];
  tenants uuid[];
  n integer;
  base bigint;
begin
  if not exists (select 1 from event_outbox where pos is null) then return; end if;
  perform pg_advisory_xact_lock(lock_key);
  select array_agg(p.id order by p.id), array_agg(p.tenant_id order by p.id) into ids, tenants
    from (select id, tenant_id from event_outbox where pos is null order by id limit batch) p;
  n := coalesce(array_length(ids, 1), 0);
  if n = 0 then return; end if;
  base := setval('event_outbox_pos_seq', nextval('event_outbox_pos_seq') + n - 1) - n;
  with counts as (
    select t as tenant_id, count(*) as c from unnest(tenants) as t group by t
  ), bumped as (
    insert into event_sequence as s (tenant_id, last_seq) select tenant_id, c from counts
    on conflict (tenant_id) do update set last_seq = s.last_seq + excluded.last_seq
    returning s.tenant_id, s.last_seq
  ), numbered as (
    select u.id, u.tenant_id, u.k, row_number() over (partition by u.tenant_id order by u.k) as n
      from unnest(ids, tenants) with ordinality as u(id, tenant_id, k)
  )
  update event_outbox o set seq = b.last_seq - c.c + x.n, pos = base + x.k, assigned_at = now()
    from numbered x join bumped b on b.tenant_id = x.tenant_id join counts c on c.tenant_id = x.tenant_id
   where o.id = x.id;
  -- Delivered at commit, once per batch; none when another engine (Redis) wakes the relays.
  if channel is not null then perform pg_notify(channel, ''); end if;
  return query select * from event_outbox where id = any(ids) order by pos;
end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "switchboard_assign_events"(bigint, integer, text);`);
  }
}
