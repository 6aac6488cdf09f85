import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TenantOwned } from '../../common/tenant-owned.entity';
import { Sortable } from '../../common/sortable';
import { Searchable } from '../../common/fields';
import { RowScope } from '../../common/row-scope';

export enum FieldType {
  STRING = 'STRING',
  NUMBER = 'NUMBER',
  BOOLEAN = 'BOOLEAN',
  DATE = 'DATE',
}
registerEnumType(FieldType, {
  name: 'FieldType',
  description: "The type of an activity field's values",
  valuesConfig: {
    STRING: { description: "Text, up to the definition's maxLength" },
    NUMBER: { description: 'A finite JSON number' },
    BOOLEAN: { description: 'true or false' },
    DATE: { description: 'A date as a string starting YYYY-MM-DD (an ISO 8601 date or date-time)' },
  },
});

/** One key an activity's `fields` may carry, with its type (the tenant's activity schema). */
@ObjectType({ description: "One key the `fields` of the tenant's activities may carry, with the type of its values" })
@Entity()
@Unique({ properties: ['tenant', 'key'] })
@RowScope({ subject: 'ActivityFieldDefinition', menu: 'customer-context', operations: { create: 'edit', delete: 'edit' } })
export class ActivityFieldDefinition extends TenantOwned<'required' | 'maxLength' | 'label'> {
  @Sortable()
  @Searchable()
  @Field({ description: 'The key in `fields`: 1 to 64 letters, digits or "_", not starting with a digit; unique in the tenant' })
  @Property({ length: 64 })
  key!: string;

  @Sortable()
  @Searchable()
  @Field({ description: 'Human label, up to 80 characters (the key when none was given)' })
  @Property({ length: 80 })
  label: string = '';

  @Field(() => FieldType, { description: 'The type its values must have' })
  @Enum({ items: () => FieldType, nativeEnumName: 'field_type' })
  type!: FieldType;

  @Field({ description: 'Every activity must carry a value for it (default false)' })
  @Property()
  required: boolean = false;

  @Field(() => Int, { description: 'Longest STRING value, in characters (default 255)' })
  @Property()
  maxLength: number = 255;
}
