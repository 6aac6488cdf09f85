import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Where an inherited setting's effective value comes from, nearest first. */
export enum SettingSource {
  AGENT = 'AGENT',
  OU = 'OU',
  TENANT = 'TENANT',
}
registerEnumType(SettingSource, {
  name: 'SettingSource',
  description: 'The level an inherited setting takes its effective value from',
  valuesConfig: {
    AGENT: { description: "The agent's own value" },
    OU: { description: "The nearest OU's, from the agent's employee's home OU up" },
    TENANT: { description: "The tenant's parameter" },
  },
});

/** An inherited integer setting as it applies: its value and the level that gave it. Generic, for every such setting. */
@ObjectType({ description: 'An inherited setting as it applies: the effective value and the level it comes from' })
export class EffectiveInt {
  @Field(() => Int, { description: 'The value that applies' })
  value!: number;

  @Field(() => SettingSource, { description: 'The level it comes from' })
  source!: SettingSource;
}

/**
 * The first level whose value is set (non-zero: 0 means "inherit"), nearest first; when none is,
 * the last level's value (the tenant's, whose 0 has its own meaning, e.g. unlimited).
 */
export function firstNonZero(levels: readonly [SettingSource, number][]): EffectiveInt {
  const found = levels.find(([, value]) => value !== 0) ?? levels[levels.length - 1]!;
  return { source: found[0], value: found[1] };
}
