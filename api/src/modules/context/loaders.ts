import { requestLoader } from '../../common/request-loader';
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
