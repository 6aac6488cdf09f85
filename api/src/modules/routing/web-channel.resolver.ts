import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { RefersTo } from '../../common/validation';
import { webChannels } from './routing.resolver';
import { WorkTimeException } from './work-time-exception.entity';
import { ChannelOpenAnswer } from './work-time.answer';
import { localDateAt, openAt } from './work-time.evaluate';

@Resolver()
export class ChannelOpenResolver {
  @Requires(permissionFor('WebChannel', 'read'))
  @Query(() => ChannelOpenAnswer, {
    description: "Whether a web channel is open at an instant (default now), read in the channel's time zone, and which rule of its work time decided",
  })
  async channelOpen(
    @Arg('channelId', () => ID, { description: 'The web channel' }) @RefersTo('WebChannel') channelId: string,
    @Arg('at', () => Date, { nullable: true, description: 'The instant to ask about (default now)' }) at: Date | null,
    @Ctx() ctx: Context,
  ): Promise<ChannelOpenAnswer> {
    const channel = await webChannels.service(ctx).get(channelId);
    const instant = at ?? new Date();
    // Only the exception of the local date can decide: one statement, whatever the channel's holidays.
    const exception = await ctx.em.findOne(WorkTimeException, { channel: channel.id, date: localDateAt(channel.workTime.timeZone, instant) });
    return openAt(channel.workTime, instant, exception ? [exception] : []) as ChannelOpenAnswer;
  }
}
