import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Authenticated } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import { can } from '../../authz/principal';
import { badInput } from '../../base/errors';
import type { Context } from '../../base/context';
import { ListSize } from '../../base/list-size';
import { RESOURCE_READERS } from '../../common/crud';
import { MAX_TITLES, RecordTitle, RecordTitlesArgs, ResourceCount } from './overview.types';

/** The resources whose pages the caller may read: their view operation (tenant admins hold all). */
const readable = (ctx: Context) => [...RESOURCE_READERS.entries()].filter(([, r]) => can(ctx.principal!, permissionFor(r.subject, 'read')));

/**
 * What pages that name many records of several resources need at once (the audit log, the home
 * page): each answered by the resources' own scoped services, so a caller learns nothing its
 * pages would not show it.
 */
@Resolver()
export class OverviewResolver {
  @Authenticated()
  @ListSize(MAX_TITLES)
  @Query(() => [RecordTitle], {
    description: 'The titles of records of any resources, one query per resource; a record the caller may not read has a null title, like one that is gone',
  })
  async recordTitles(@Args(() => RecordTitlesArgs) { refs }: RecordTitlesArgs, @Ctx() ctx: Context): Promise<RecordTitle[]> {
    const unknown = refs.find((r) => !RESOURCE_READERS.has(r.type));
    if (unknown) throw badInput({ refs: `Unknown record type "${unknown.type}"` });
    const byType = new Map<string, string[]>();
    for (const r of refs) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
    const mayRead = new Set(readable(ctx).map(([name]) => name));
    const titles = new Map(
      await Promise.all(
        [...byType].map(
          async ([type, ids]) => [type, mayRead.has(type) ? await RESOURCE_READERS.get(type)!.service(ctx).titles(ids) : new Map<string, string>()] as const,
        ),
      ),
    );
    return refs.map((r) => ({ type: r.type, id: r.id, title: titles.get(r.type)?.get(r.id) ?? null }));
  }

  @Authenticated()
  @ListSize(64)
  @Query(() => [ResourceCount], {
    description: 'How many records of each resource the caller may read are in its scope (resources it may not read are left out)',
  })
  async resourceCounts(@Ctx() ctx: Context): Promise<ResourceCount[]> {
    // One after the other: a request holds one connection.
    const counts: ResourceCount[] = [];
    for (const [resource, r] of readable(ctx)) counts.push({ resource, count: await r.service(ctx).count(null) });
    return counts;
  }
}
