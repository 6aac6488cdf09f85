import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';

export enum FieldType {
  STRING = 'STRING',
  NUMBER = 'NUMBER',
  BOOLEAN = 'BOOLEAN',
  DATE = 'DATE',
}
registerEnumType(FieldType, { name: 'FieldType' });

/** One key an activity's `fields` may carry, with its type (the tenant's activity schema). */
@ObjectType()
@Entity()
@Unique({ properties: ['tenant', 'key'] })
export class ActivityFieldDefinition extends TenantOwned<'required' | 'maxLength' | 'label'> {
  @Field()
  @Property({ length: 64 })
  key!: string;

  @Field()
  @Property({ length: 80 })
  label: string = '';

  @Field(() => FieldType)
  @Enum({ items: () => FieldType, nativeEnumName: 'field_type' })
  type!: FieldType;

  @Field()
  @Property()
  required: boolean = false;

  @Field(() => Int, { description: 'For STRING fields' })
  @Property()
  maxLength: number = 255;
}
