import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Requires } from '../../authz/access';
import { permissionFor } from '../../authz/ability';
import type { Context } from '../../base/context';
import { badInput } from '../../base/errors';
import { simulate } from './simulate';
import { loadSimFacts } from './simulate.load';
import { AssumedLoadInput, CallSimulation } from './simulate.types';

@Resolver()
export class SimulateCallResolver {
  @Requires(permissionFor('CalledRoute', 'read'))
  @Query(() => CallSimulation, {
    description:
      'What happens to a call to a number now or at an instant: the called route, the web channel’s work time, the skill queue’s load (live or assumed) and the handler that applies, following transfers to their end. Records outside your scope end the walk as hidden steps.',
  })
  async simulateCall(
    @Arg('dialledNumber', () => String, { description: 'The number a customer dials: an access code followed by an extension, 1 to 32 digits' })
    dialledNumber: string,
    @Arg('at', () => Date, { nullable: true, description: 'The instant of the call (default now)' }) at: Date | null,
    @Arg('assume', () => AssumedLoadInput, { nullable: true, description: "A load for the route's skill queue instead of its live one" })
    assume: AssumedLoadInput | null,
    @Ctx() ctx: Context,
  ): Promise<CallSimulation> {
    const number = dialledNumber.trim();
    if (!/^[0-9]{1,32}$/.test(number)) throw badInput({ dialledNumber: 'A dialled number is 1 to 32 digits' });
    if (assume?.busy != null && assume.signedIn != null && assume.busy > assume.signedIn) {
      throw badInput({ busy: 'Busy agents cannot outnumber the signed-in ones' });
    }
    const instant = at ?? new Date();
    const facts = await loadSimFacts(ctx, number, instant);
    return simulate(number, instant, facts, {
      ...(assume?.queuedCalls != null ? { queued: assume.queuedCalls } : {}),
      ...(assume?.signedIn != null ? { signedIn: assume.signedIn } : {}),
      ...(assume?.busy != null ? { busy: assume.busy } : {}),
    });
  }
}
