import { ArrayMaxSize, IsEmail, IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Omittable, RefersTo } from '../../common/validation';
import { VersionArg } from '../../common/version-arg';
import { Gender } from '../identity/employee.entity';
import { OuOwnedFilter } from '../org/ou-owned.inputs';

export const MAX_PHONES = 5;
export const MAX_EMAILS = 2;

@InputType({
  description: 'Narrows the customer list; `q` matches name or company (contains, any case), the customer number (prefix) or, typed as a phone, the phones',
})
export class CustomerFilter extends OuOwnedFilter {
  @Field(() => String, { nullable: true, description: 'Any format; also the last 4 or more digits' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact e-mail, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  email?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only customers of no OU' })
  @IsOptional()
  unorganized?: boolean | null;
}

/** Fields of create and update; the limits of SPEC §3, declared once. */
@ArgsType()
export class CustomerFields {
  @Field(() => String, { nullable: true, description: 'Name, up to 80 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(80, { message: 'Name must be at most 80 characters' })
  name?: string | null;

  @Field(() => Gender, { nullable: true, description: 'MALE, FEMALE or UNKNOWN (default UNKNOWN); null keeps it' })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender | null;

  @Field(() => [String], {
    nullable: true,
    description: `Replaces the phones: at most ${MAX_PHONES}, each 1 to 20 characters with at least one digit; omitted keeps them`,
  })
  @Omittable()
  @ArrayMaxSize(MAX_PHONES, { message: `At most ${MAX_PHONES} phones` })
  @Length(1, 20, { each: true, message: 'Each phone must be 1 to 20 characters' })
  @Matches(/\d/, { each: true, message: 'Each phone must contain a digit' })
  phones?: string[];

  @Field(() => [String], {
    nullable: true,
    description: `Replaces the e-mails: at most ${MAX_EMAILS} valid addresses of 1 to 128 characters; omitted keeps them`,
  })
  @Omittable()
  @ArrayMaxSize(MAX_EMAILS, { message: `At most ${MAX_EMAILS} e-mails` })
  @Length(1, 128, { each: true, message: 'Each e-mail must be 1 to 128 characters' })
  @IsEmail({}, { each: true, message: 'Each e-mail must be a valid address' })
  emails?: string[];

  @Field(() => String, { nullable: true, description: 'Company, up to 80 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(80, { message: 'Company must be at most 80 characters' })
  company?: string | null;

  @Field(() => String, { nullable: true, description: "One of the tenant's address options; empty or null for none" })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @RefersTo('AddressOption', { field: 'value', notFound: (value) => `"${value}" is not one of the address options` })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'The rest of the address (street, building), up to 80 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(80, { message: 'Address detail must be at most 80 characters' })
  addressDetail?: string | null;

  @Field(() => String, { nullable: true, description: 'Free note, up to 80 characters; null or empty clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(80, { message: 'Remark must be at most 80 characters' })
  remark?: string | null;

  @Field(() => ID, { nullable: true, description: 'null = Unorganized' })
  @IsOptional()
  @RefersTo('OrgUnit', { scope: 'write', nullLabel: 'Unorganized', notFound: () => 'OU not found' })
  ouId?: string | null;
}

@ArgsType()
export class CreateCustomerArgs extends CustomerFields {}

@ArgsType()
export class UpdateCustomerArgs extends CustomerFields {
  @Field(() => ID, { description: 'The customer to update' })
  id!: string;

  @VersionArg()
  version?: number | null;
}
