import type { Context } from '../../base/context';
import { Customer } from './customer.entity';
import { CustomerService } from './customer.service';

export const RECENT_CUSTOMERS = 10;

/** Opening a card records it for the employee, keeping the 10 newest (SPEC §4 "recent customers"). */
export async function openCustomer(ctx: Context, id: string): Promise<Customer> {
  const customer = await new CustomerService(ctx).get(id);
  const principal = ctx.principal!;
  if (principal.kind === 'employee') {
    const conn = ctx.em.getConnection();
    await conn.execute(
      `with opened as (
         insert into recent_customer (employee_id, customer_id, opened_at) values (?, ?, clock_timestamp())
         on conflict (employee_id, customer_id) do update set opened_at = excluded.opened_at
       )
       delete from recent_customer where employee_id = ? and customer_id not in (
         select customer_id from recent_customer where employee_id = ? and customer_id <> ? order by opened_at desc limit ?
       ) and customer_id <> ?`,
      [principal.id, customer.id, principal.id, principal.id, customer.id, RECENT_CUSTOMERS - 1, customer.id],
    );
  }
  return customer;
}

export async function recentCustomers(ctx: Context): Promise<Customer[]> {
  const principal = ctx.principal!;
  if (principal.kind !== 'employee') return [];
  const rows = await ctx.em
    .getConnection()
    .execute<{ customer_id: string }[]>('select customer_id from recent_customer where employee_id = ? order by opened_at desc limit ?', [
      principal.id,
      RECENT_CUSTOMERS,
    ]);
  const ids = rows.map((r) => r.customer_id);
  const visible = await ctx.em.find(Customer, { $and: [{ id: { $in: ids } }, new CustomerService(ctx).inScope('read')] });
  const byId = new Map(visible.map((c) => [c.id, c]));
  return ids.map((id) => byId.get(id)).filter((c): c is Customer => !!c);
}
