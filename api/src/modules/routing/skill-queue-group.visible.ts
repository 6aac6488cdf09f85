import { UseMiddleware } from 'type-graphql';
import type { Context } from '../../base/context';
import { LIST_RESOURCES } from '../../common/crud';
import { requestLoader } from '../../common/request-loader';

/**
 * A list of ids of another resource with those the caller may not locate left out, as lists
 * seen in part are everywhere (roles, grants): the field keeps every id for the audit. It
 * shares `VisibleRef`'s per-request loader, so a page costs one statement per kind of target.
 */
export const VisibleRefs = (resource: string): PropertyDecorator & MethodDecorator =>
  UseMiddleware(async ({ context }: { context: Context }, next) => {
    const ids = ((await next()) as string[] | null | undefined) ?? [];
    if (!ids.length) return [];
    const loader = requestLoader<string, string | null>(context, `visible:${resource}`, async (wanted) => {
      const entity = LIST_RESOURCES.get(resource) as new () => { id: string };
      const found = new Set((await context.em.find(entity, { id: { $in: [...wanted] } } as never)).map((r) => r.id));
      return wanted.map((i) => (found.has(i) ? i : null));
    });
    return (await loader.loadMany(ids)).filter((id): id is string => typeof id === 'string');
  });
