import { UseMiddleware } from 'type-graphql';
import type { Context } from '../../base/context';
import { LIST_RESOURCES } from '../../common/crud';
import { requestLoader } from '../../common/request-loader';

interface Skill {
  skillQueueId: string;
}

/**
 * An agent's skills with those whose queue the caller may not locate left out (as for a group's
 * queues): the field keeps every skill for the audit. It shares `VisibleRef`'s per-request loader,
 * so a page costs one statement for all its queues, never one per row.
 */
export const VisibleSkills = (): PropertyDecorator & MethodDecorator =>
  UseMiddleware(async ({ context }: { context: Context }, next) => {
    const skills = ((await next()) as Skill[] | null | undefined) ?? [];
    if (!skills.length) return [];
    const loader = requestLoader<string, string | null>(context, 'visible:SkillQueue', async (wanted) => {
      const entity = LIST_RESOURCES.get('SkillQueue') as new () => { id: string };
      const found = new Set((await context.em.find(entity, { id: { $in: [...wanted] } } as never)).map((r) => r.id));
      return wanted.map((i) => (found.has(i) ? i : null));
    });
    const visible = await loader.loadMany(skills.map((s) => s.skillQueueId));
    return skills.filter((_, i) => typeof visible[i] === 'string');
  });
