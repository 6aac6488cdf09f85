import { Field, ObjectType } from 'type-graphql';

/** What the caller may do with one record: the console hides what the API would refuse. */
@ObjectType()
export class RecordAccess {
  @Field()
  canEdit!: boolean;

  @Field()
  canDelete!: boolean;
}
