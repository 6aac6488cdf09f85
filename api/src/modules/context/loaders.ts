import DataLoader from 'dataloader';
import type { Context } from '../../server/context';
import { Activity } from './activity.entity';
import { Comment } from './comment.entity';

function memo<V>(ctx: Context, key: string, batch: (ids: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  let loader = ctx.memo.get(key) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader(batch);
    ctx.memo.set(key, loader);
  }
  return loader;
}

/** Activities of a page of requests: one statement. (Their request was already read in scope.) */
export const activitiesLoader = (ctx: Context) =>
  memo(ctx, 'activitiesByRequest', async (ids) => {
    const rows = await ctx.em.find(Activity, { request: { $in: [...ids] } }, { orderBy: { createdAt: 'DESC' }, populate: ['customer'] });
    return ids.map((id) => rows.filter((a) => a.requestId === id));
  });

/** Comments of a page of activities: one statement. */
export const commentsLoader = (ctx: Context) =>
  memo(ctx, 'commentsByActivity', async (ids) => {
    const rows = await ctx.em.find(Comment, { activity: { $in: [...ids] } }, { orderBy: { at: 'ASC' } });
    return ids.map((id) => rows.filter((c) => c.activityId === id));
  });
