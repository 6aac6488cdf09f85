import { UseMiddleware } from 'type-graphql';
import type { Context } from '../../base/context';
import { LIST_RESOURCES } from '../../common/crud';
import { requestLoader } from '../../common/request-loader';

/**
 * An id field of another resource shown only when the caller may locate that record (null
 * otherwise), so a visible row never reveals ids outside the caller's scope. The field keeps its
 * raw value for the audit; a page costs one statement per kind of target, never one per row.
 */
export const VisibleRef = (resource: string): PropertyDecorator & MethodDecorator =>
  UseMiddleware(async ({ context }: { context: Context }, next) => {
    const id = (await next()) as string | null | undefined;
    if (!id) return null;
    return requestLoader<string, string | null>(context, `visible:${resource}`, async (ids) => {
      const entity = LIST_RESOURCES.get(resource) as new () => { id: string };
      const found = new Set((await context.em.find(entity, { id: { $in: [...ids] } } as never)).map((r) => r.id));
      return ids.map((i) => (found.has(i) ? i : null));
    }).load(id);
  });
