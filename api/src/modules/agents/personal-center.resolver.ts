import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Authenticated } from '../../authz/access';
import type { Context } from '../../base/context';
import { ChangeMySoftphonePasswordArgs, UpdateMySettingsArgs } from './personal-center.inputs';
import { changeMySoftphonePassword, myAgent, updateMySettings } from './personal-center.service';
import { MyAgent } from './personal-center.types';

/**
 * The personal center: an agent reads and edits its own settings. Authentication is all it needs
 * (like changePassword): whoever is signed in reaches only its own agent, so no role is asked.
 */
@Resolver()
export class PersonalCenterResolver {
  @Authenticated()
  @Query(() => MyAgent, {
    nullable: true,
    description: "The signed-in employee's agent: employee and agent information, settings and their effective values; null without an agent",
  })
  myAgent(@Ctx() ctx: Context): Promise<MyAgent | null> {
    return myAgent(ctx);
  }

  @Authenticated()
  @Mutation(() => MyAgent, { description: "Changes the signed-in agent's personalized settings (each omitted keeps its value)" })
  updateMySettings(@Args(() => UpdateMySettingsArgs) args: UpdateMySettingsArgs, @Ctx() ctx: Context): Promise<MyAgent> {
    return updateMySettings(ctx, args);
  }

  @Authenticated()
  @Mutation(() => MyAgent, {
    description:
      "Sets or resets the signed-in agent's softphone password after re-entering the sign-in password (a wrong one: BAD_USER_INPUT on signInPassword, reason WRONG_PASSWORD, throttled like a sign-in)",
  })
  changeMySoftphonePassword(@Args(() => ChangeMySoftphonePasswordArgs) args: ChangeMySoftphonePasswordArgs, @Ctx() ctx: Context): Promise<MyAgent> {
    return changeMySoftphonePassword(ctx, args.signInPassword, args.newPassword);
  }
}
