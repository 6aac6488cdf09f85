import { Field, ObjectType } from 'type-graphql';

/** What the caller may do with one record: the console hides what the API would refuse. */
@ObjectType({ description: 'What the caller may do with one record, so a client hides what the API would refuse' })
export class RecordAccess {
  @Field({ description: 'Updating it is allowed now (edit permission, write on its OU where it has one, no other rule against it)' })
  canEdit!: boolean;

  @Field({ description: 'Deleting it is allowed now (delete permission, write on its OU where it has one, no other rule against it)' })
  canDelete!: boolean;
}
