import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ListSize } from '../../base/list-size';
import { PlainFields } from '../../common/plain-fields';
import { RefersTo } from '../../common/validation';
import { AGENT_ID_MAX } from './agent.inputs';

/** The most agents one `configureAgents` call selects (a range holding more is refused on `selection`). */
export const MAX_BATCH_AGENTS = 10_000;
/**
 * The size the cost limit prices a report's `results` at: a batch's work is bounded by
 * MAX_BATCH_AGENTS and its reply by the response size limit; pricing 10,000 rows would refuse
 * every report that lists them (as DATA_SIZED_LIST, base/list-size.ts).
 */
export const BATCH_REPORT_PLANNING_SIZE = 500;

export enum AgentBatchStatus {
  APPLIED = 'APPLIED',
  REFUSED = 'REFUSED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(AgentBatchStatus, {
  name: 'AgentBatchStatus',
  description: 'What a batch did to one agent',
  valuesConfig: {
    APPLIED: { description: 'Every change was applied (or, in a dry run, would be)' },
    REFUSED: { description: 'Nothing was changed: see code, field and message' },
    UNCHANGED: { description: 'The agent already had every value' },
  },
});

@InputType({ description: 'The agents a batch changes: by record ids, or by an inclusive agent-id range (exactly one of the two)' })
export class AgentSelectionInput {
  @Field(() => [ID], { nullable: true, description: `The agents' record ids (1 to ${MAX_BATCH_AGENTS})` })
  @IsOptional()
  @ArrayMinSize(1, { message: 'Select at least one agent' })
  @ArrayMaxSize(MAX_BATCH_AGENTS, { message: `A batch selects at most ${MAX_BATCH_AGENTS} agents` })
  @IsString({ each: true })
  @RefersTo('Agent')
  agentIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'The first agent id of the range (with toAgentId)' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `Agent id must be 1 to ${AGENT_ID_MAX}` })
  @Max(AGENT_ID_MAX, { message: `Agent id must be 1 to ${AGENT_ID_MAX}` })
  fromAgentId?: number | null;

  @Field(() => Int, { nullable: true, description: 'The last agent id of the range, inclusive (with fromAgentId)' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: `Agent id must be 1 to ${AGENT_ID_MAX}` })
  @Max(AGENT_ID_MAX, { message: `Agent id must be 1 to ${AGENT_ID_MAX}` })
  toAgentId?: number | null;
}

@PlainFields()
@ObjectType({ description: 'One field a batch changed on an agent, its values as JSON (e.g. true, "VIDEO", [{"skillQueueId":"…","isDefault":true}])' })
export class AgentFieldChange {
  @Field({ description: 'The field, as named in AgentChangesInput' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before, as JSON' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as JSON' })
  after!: string | null;
}

@PlainFields()
@ObjectType({ description: 'What a batch did to one selected agent' })
export class AgentBatchResult {
  @Field(() => Int, { nullable: true, description: 'Its agent id (null for a selected id that was not found)' })
  agentId!: number | null;

  @Field(() => ID, { description: 'The record id' })
  id!: string;

  @Field(() => AgentBatchStatus, { description: 'Applied, refused or unchanged' })
  status!: AgentBatchStatus;

  @Field(() => String, { nullable: true, description: 'Why it was refused: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT, CONFLICT' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'The field a BAD_USER_INPUT refusal names (the first, when several)' })
  field!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason, as updateAgent would give it' })
  message!: string | null;

  @ListSize(12)
  @Field(() => [AgentFieldChange], { description: 'For an applied agent, each changed field with its value before and after' })
  changes!: AgentFieldChange[];
}

@PlainFields()
@ObjectType({ description: 'The per-agent report of configureAgents' })
export class AgentBatchReport {
  @Field({ description: 'Whether nothing was written (a preview)' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Agents applied' })
  applied!: number;

  @Field(() => Int, { description: 'Agents refused' })
  refused!: number;

  @Field(() => Int, { description: 'Agents that already had every value' })
  unchanged!: number;

  @ListSize(BATCH_REPORT_PLANNING_SIZE)
  @Field(() => [AgentBatchResult], { description: 'One entry per selected agent, in agent-id order (a list selection: in the order given)' })
  results!: AgentBatchResult[];
}
