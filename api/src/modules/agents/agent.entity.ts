import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DATA_SIZED_LIST, ListSize } from '../../base/list-size';
import { declareLabel, Searchable, Secret } from '../../common/fields';
import { RowScope } from '../../common/row-scope';
import { Sortable } from '../../common/sortable';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { RefersTo } from '../../common/validation';
import { Employee } from '../identity/employee.entity';
import { SkillQueue } from '../routing/skill-queue.entity';
import { SkillQueueGroup } from '../routing/skill-queue-group.entity';
import { VisibleRef } from '../routing/visible-ref';
import { AgentPlatformRole, AgentType } from './agent.enums';
import { VisibleSkills } from './agent.visible';
import { DEFAULT_AVATAR, type GreetingValue } from './personal-center.rules';

/** One skill as read: a queue and whether it is the default one. */
@ObjectType({ description: "One of an agent's skill queues" })
export class AgentSkillView {
  @RefersTo('SkillQueue')
  @Field(() => ID, { description: 'The skill queue' })
  skillQueueId!: string;

  @Field({ description: 'Whether it is the default skill queue (exactly one is)' })
  isDefault!: boolean;
}

type Defaulted =
  | 'platformRole'
  | 'phone'
  | 'intelligentRecognition'
  | 'smartFormFilling'
  | 'phoneOnly'
  | 'anonymizationFlag'
  | 'webrtcEnabled'
  | 'employeeId'
  | 'skillQueueGroupId'
  | 'skills'
  | 'hasSoftphonePassword'
  | 'canSignIn'
  | 'avatar'
  | 'nickname'
  | 'maxConcurrentSessions'
  | 'greetings';

/**
 * An agent (SPEC §5): an agent id and softphone bound to at most one employee, with skills and
 * options, counted against the tenant's quotas. It has no OU of its own: it is scoped by its
 * employee's home OU (an agent without an employee is Unorganized), so whoever may reach the
 * employee may reach its agent, and moving the employee moves the agent.
 */
@ObjectType({ description: "An agent: an agent id and softphone bound to an employee, its skill queues and options, within the tenant's quotas" })
@Entity()
@Unique({ properties: ['tenant', 'agentId'] })
@Unique({ properties: ['tenant', 'softphoneNumber'] })
@Unique({ properties: ['employee'] })
@Index({ properties: ['tenant', 'agentType'] })
@RowScope({ subject: 'Agent', ouField: 'employee.homeOu', menu: 'agents' })
export class Agent extends TenantOwned<Defaulted> {
  @Sortable()
  @Field(() => Int, { description: 'Agent id: 1 to 99999999, unique in the tenant' })
  @Property()
  agentId!: number;

  @Sortable()
  @Field(() => AgentPlatformRole, { description: 'Platform role (default COMMON_AGENT)' })
  @Enum({ items: () => AgentPlatformRole, nativeEnumName: 'agent_platform_role' })
  platformRole: AgentPlatformRole = AgentPlatformRole.COMMON_AGENT;

  @Sortable()
  @Field(() => AgentType, { description: 'Agent type, counted against the tenant quota of its type' })
  @Enum({ items: () => AgentType, nativeEnumName: 'agent_type' })
  agentType!: AgentType;

  @Searchable()
  @Field({ description: 'The mobile or fixed-line phone bound to the agent, up to 20 characters (empty: none)' })
  @Property({ length: 20 })
  phone: string = '';

  /** Deleting the employee unbinds the agent (set null): the agent, a quota seat, stays for another employee, and cannot sign in meanwhile. */
  @ManyToOne(() => Employee, { nullable: true, deleteRule: 'set null' })
  employee?: Employee | null;

  @Sortable()
  @Searchable()
  @Field({ description: 'Softphone number: 1 to 24 digits, unique in the tenant' })
  @Property({ length: 24 })
  softphoneNumber!: string;

  @Field({ description: "Intelligent recognition (real-time ASR and recommendations), counted against the tenant's quotaIntelligentAgents" })
  @Property()
  intelligentRecognition: boolean = false;

  @Field({
    description:
      "Smart form filling as set; it works only while intelligentFormFillingActive (the tenant's intelligentFormFilling and intelligentRecognition on)",
  })
  @Property()
  smartFormFilling: boolean = false;

  @Field({ description: 'Phone-only agent: signs in through an IVR and answers on a phone' })
  @Property()
  phoneOnly: boolean = false;

  @Field({ description: 'Number anonymization flag, for third parties (not a feature switch)' })
  @Property()
  anonymizationFlag: boolean = false;

  @Field({ description: 'WebRTC softphone: only with no phone bound and at least one voice-related skill queue' })
  @Property()
  webrtcEnabled: boolean = false;

  /** Restrict: a group agents hold cannot be deleted (HAS_RECORDS naming the agents). */
  @ManyToOne(() => SkillQueueGroup, { nullable: true, deleteRule: 'restrict', index: true })
  skillQueueGroup?: SkillQueueGroup | null;

  /** The pivot rows (as for groups' members): every skill is loaded, so a save keeps those outside the caller's scope. */
  @OneToMany({ entity: () => AgentSkill, mappedBy: 'agent', orphanRemoval: true })
  skillRows = new Collection<AgentSkill>(this);

  /** Write-only: an argon2id hash of the softphone password, never a GraphQL field; audited masked. */
  @Secret()
  @Property({ type: 'text', nullable: true })
  softphonePasswordHash?: string | null;

  // The agent's personalized settings (SPEC §5), its own to edit in the personal center
  // (`updateMySettings`); read through `myAgent`, not fields of the admin's agent record.
  /** Session avatar, 1 to 8. */
  @Property({ type: 'smallint' })
  avatar: number = DEFAULT_AVATAR;

  /** Session nickname, 0 to 20 characters (empty: none). */
  @Property({ length: 20 })
  nickname: string = '';

  /** Agent level of the concurrent sessions, 0 to 60; 0 inherits the OU's, then the tenant's. */
  @Property({ type: 'smallint' })
  maxConcurrentSessions: number = 0;

  /** At most 4 greetings, each a text and an hour range; one json value, written and read whole. */
  // A default in the table too, for the agents that existed before greetings did.
  @Property({ type: 'json', defaultRaw: `'[]'` })
  greetings: GreetingValue[] = [];

  @VisibleRef('Employee')
  @RefersTo('Employee')
  @Field(() => ID, { nullable: true, description: 'The employee (business account) the agent belongs to; null: none, or outside your scope' })
  get employeeId(): string | null {
    return this.employee?.id ?? null;
  }

  @VisibleRef('SkillQueueGroup')
  @RefersTo('SkillQueueGroup')
  @Field(() => ID, { nullable: true, description: 'Its skill queue group, instead of skill queues (null: none, or outside your scope)' })
  get skillQueueGroupId(): string | null {
    return this.skillQueueGroup?.id ?? null;
  }

  /** Every skill for the audit; the caller sees those whose queue it may locate. */
  @VisibleSkills()
  // Admins grow it (validation allows MAX_AGENT_SKILLS); priced like the other lists only writers grow.
  @ListSize(DATA_SIZED_LIST)
  @Field(() => [AgentSkillView], { description: 'Its skill queues, exactly one of them the default (those outside your scope are left out)' })
  get skills(): AgentSkillView[] {
    const rows = this.skillRows.isInitialized() ? this.skillRows.getItems() : [];
    return rows.map((r) => ({ skillQueueId: r.skillQueue.id, isDefault: r.isDefault })).sort((a, b) => a.skillQueueId.localeCompare(b.skillQueueId));
  }

  @Field({ description: 'Whether a softphone password is set (the password itself is never returned)' })
  get hasSoftphonePassword(): boolean {
    return !!this.softphonePasswordHash;
  }

  @Field({ description: 'Whether the agent may sign in: it needs an employee and skills (skill queues or a group)' })
  get canSignIn(): boolean {
    return !!this.employee && (this.skills.length > 0 || !!this.skillQueueGroup);
  }
}

/**
 * Which queues an agent has as skills. No tenant column of its own: reached only through its
 * agent, whose row scope applies. Restrict on the queue: a queue agents have cannot be deleted
 * (HAS_RECORDS naming the agents); deleting the agent removes its skills.
 */
@Entity({ tableName: 'agent_skill' })
export class AgentSkill {
  @ManyToOne(() => Agent, { primary: true, deleteRule: 'cascade' })
  agent!: Agent;

  @ManyToOne(() => SkillQueue, { primary: true, deleteRule: 'restrict', index: true })
  skillQueue!: SkillQueue;

  @Property()
  isDefault: boolean = false;
}
// A refused queue delete names the table that points at it: call its rows what an admin sees.
declareLabel(AgentSkill, 'Agent');
