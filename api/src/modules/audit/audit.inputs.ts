import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';

@InputType({ description: 'Narrows the audit log; `q` matches operation, principal handle or record type (contains, any case)' })
export class AuditEntryFilter extends BaseFilter {
  @Field(() => String, { nullable: true, description: 'e.g. OrgUnit, Employee, Role, ApiClient, Tenant' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recordType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Entries of this record' })
  @IsOptional()
  @IsUUID('all', { message: 'recordId must be a record id' })
  recordId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The employee or API client who made the changes' })
  @IsOptional()
  @IsUUID('all', { message: 'principalId must be an employee or client id' })
  principalId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time (inclusive)' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time (exclusive)' })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}
