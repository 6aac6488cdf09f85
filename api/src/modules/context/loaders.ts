import { requestLoader } from '../../common/request-loader';
import { ContactRecord } from '../customer/contact-record.entity';
import type { Context } from '../../base/context';
import { Activity } from './activity.entity';
import { Comment } from './comment.entity';

/** Activities of a page of requests: one statement. (Their request was already read in scope.) */
export const activitiesLoader = (ctx: Context) =>
  requestLoader(ctx, 'activitiesByRequest', async (ids: readonly string[]) => {
    const rows = await ctx.em.find(Activity, { request: { $in: [...ids] } }, { orderBy: { createdAt: 'DESC' }, populate: ['customer'] });
    return ids.map((id) => rows.filter((a) => a.requestId === id));
  });

/** Comments of a page of activities: one statement. */
export const commentsLoader = (ctx: Context) =>
  requestLoader(ctx, 'commentsByActivity', async (ids: readonly string[]) => {
    const rows = await ctx.em.find(Comment, { activity: { $in: [...ids] } }, { orderBy: { at: 'ASC' } });
    return ids.map((id) => rows.filter((c) => c.activityId === id));
  });

/** Contact records of a page of activities: one statement (under the row scope). */
export const contactRecordLoader = (ctx: Context) =>
  requestLoader(ctx, 'contactRecordById', async (ids: readonly string[]) => {
    const rows = await ctx.em.find(ContactRecord, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Comment counts of a page of activities (already read in scope): one statement. */
export const commentCountLoader = (ctx: Context) =>
  requestLoader(ctx, 'commentCountByActivity', async (ids: readonly string[]) => {
    const rows = await ctx.em
      .getConnection()
      .execute<{ id: string; n: number }[]>(
        `select activity_id as id, count(*)::int as n from activity_comment where activity_id in (${ids.map(() => '?').join(', ')}) group by activity_id`,
        [...ids],
      );
    const byId = new Map(rows.map((r) => [r.id, r.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
