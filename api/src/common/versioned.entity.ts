import { randomUUID } from 'node:crypto';
import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Sortable } from './sortable';

/** Columns every mutable record has: identity, optimistic-lock version and timestamps. */
@ObjectType()
export abstract class Versioned<Defaulted extends string = never> {
  /** Properties with defaults (and getters), optional in `em.create`; subclasses name theirs in `Defaulted`. */
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt' | Defaulted;

  @Field(() => ID, { description: 'Record id (a UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Incremented by MikroORM on every update; a stale value in an update is a CONFLICT. */
  @Field(() => Int, { description: 'Optimistic lock: 1 at creation, +1 on every change; an update given an older version fails with CONFLICT' })
  @Property({ version: true })
  version: number = 1;

  @Sortable()
  @Field(() => Date, { description: 'When the record was created' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Sortable()
  @Field(() => Date, { description: 'When the record last changed' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
