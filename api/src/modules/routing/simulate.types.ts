import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListSize } from '../../base/list-size';

/** How a simulated call ends up (SPEC §6 walked as a call would). */
export enum CallOutcome {
  NO_ROUTE = 'NO_ROUTE',
  HIDDEN = 'HIDDEN',
  CLOSED = 'CLOSED',
  QUEUED = 'QUEUED',
  IVR = 'IVR',
  RELEASED = 'RELEASED',
}
registerEnumType(CallOutcome, {
  name: 'CallOutcome',
  description: 'Where a simulated call ends up',
  valuesConfig: {
    NO_ROUTE: { description: 'No called route dials the number' },
    HIDDEN: { description: 'The path goes through a record outside your scope; the rest is not shown' },
    CLOSED: { description: "The channel's work time is closed at that instant" },
    QUEUED: { description: 'It waits in a skill queue for an agent (then its onTimeout handler applies)' },
    IVR: { description: 'An IVR answers it' },
    RELEASED: { description: 'A handler releases it' },
  },
});

export enum CallStepKind {
  ROUTE = 'ROUTE',
  WORK_TIME = 'WORK_TIME',
  QUEUE = 'QUEUE',
  HANDLER = 'HANDLER',
  IVR = 'IVR',
  WAIT = 'WAIT',
}
registerEnumType(CallStepKind, {
  name: 'CallStepKind',
  description: 'What a step of a simulated call looked at',
  valuesConfig: {
    ROUTE: { description: 'The called route that dials the number' },
    WORK_TIME: { description: 'The work time of the web channel on the route' },
    QUEUE: { description: 'A skill queue and its load: agents signed in and busy, calls queued, device usage' },
    HANDLER: { description: 'The queuing-processing handler that applies, and what it does' },
    IVR: { description: 'The IVR that answers' },
    WAIT: { description: 'The call waits in the queue' },
  },
});

@ObjectType({ description: 'A number that decided a step, e.g. the device usage or a threshold' })
export class StepNumber {
  @Field(() => String, { description: 'What it is, e.g. "deviceUsage", "queueUsageThreshold"' })
  name!: string;

  @Field(() => Float, { description: 'Its value' })
  value!: number;
}

@ObjectType({ description: 'One step of a simulated call: the record it looked at and the rule that decided' })
export class CallStep {
  @Field(() => CallStepKind, { description: 'What the step looked at' })
  kind!: CallStepKind;

  @Field(() => Boolean, { description: 'The record is outside your scope: nothing about it is shown, and the walk stops here' })
  hidden!: boolean;

  @Field(() => ID, { nullable: true, description: 'The record looked at (a called route, web channel, skill queue or IVR); null when hidden or none' })
  recordId!: string | null;

  @Field(() => String, { nullable: true, description: "The record's name (a route's dialled number, a channel's code); null when hidden or none" })
  name!: string | null;

  @Field(() => String, { description: 'The rule that decided, in words' })
  rule!: string;

  // A step states a handful of numbers (usage, agents, calls, a threshold, a wait).
  @ListSize(8)
  @Field(() => [StepNumber], { description: 'The numbers that decided it' })
  numbers!: StepNumber[];
}

@ObjectType({ description: 'What happens to a call to a number at an instant: every step of the configuration it walks' })
export class CallSimulation {
  @Field(() => String, { description: 'The number simulated' })
  dialledNumber!: string;

  @Field(() => Date, { description: 'The instant simulated' })
  at!: Date;

  @Field(() => CallOutcome, { description: 'Where the call ends up' })
  outcome!: CallOutcome;

  // A path is a route, a channel, and at most MAX_HOPS queues with their handler and target.
  @ListSize(40)
  @Field(() => [CallStep], { description: 'The steps, in the order the call takes them' })
  steps!: CallStep[];
}

@InputType({ description: "A load to assume for the route's skill queue instead of its live one (transferred-to queues keep their live load)" })
export class AssumedLoadInput {
  @Field(() => Int, { nullable: true, description: 'Calls waiting, 0 to 100000 (default: the live value)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  queuedCalls?: number | null;

  @Field(() => Int, { nullable: true, description: 'Agents signed in, 0 to 100000 (default: the live value)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  signedIn?: number | null;

  @Field(() => Int, { nullable: true, description: 'Signed-in agents not idle, 0 to signedIn (default: the live value)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  busy?: number | null;
}
