import { IsOptional, IsString, Length } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { BaseFilter } from '../../common/list';
import { NotBlank } from '../../common/validation';

@InputType({ description: 'Narrows the address options; `q` matches the value (contains, any case)' })
export class AddressOptionFilter extends BaseFilter {}

/** What a caller writes; renaming an option leaves customers' stored addresses as they are. */
@ArgsType()
export class AddressOptionFields {
  @Field(() => String, {
    nullable: true,
    description: "The address text, 1 to 80 characters, unique in the tenant (required); a new text leaves customers' stored addresses as they are",
  })
  @IsOptional()
  @IsString()
  @Length(1, 80, { message: 'Value must be 1 to 80 characters' })
  @NotBlank()
  value?: string | null;
}
