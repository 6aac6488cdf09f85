import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { IsString, Length } from 'class-validator';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ArgsType, Field, ID } from 'type-graphql';
import type { CrudService } from '../../common/crud';
import { BaseFilter } from '../../common/list';
import { requiredText } from '../../common/text';
import { TenantCrudService } from '../../common/tenant-crud.service';
import { Omittable, NotBlank } from '../../common/validation';
import { VersionArg } from '../../common/version-arg';
import { badInput } from '../../base/errors';
import { Tenant } from '../../common/tenant.entity';
import { AddressOption } from './address-option.entity';
import { InputType } from 'type-graphql';

@InputType({ description: 'Narrows the address options; `q` matches the value (contains, any case)' })
export class AddressOptionFilter extends BaseFilter {}

@ArgsType()
export class CreateAddressOptionArgs {
  @Field({ description: 'The address text, 1 to 80 characters, unique in the tenant' })
  @IsString()
  @Length(1, 80, { message: 'Value must be 1 to 80 characters' })
  @NotBlank()
  value!: string;
}

@ArgsType()
export class UpdateAddressOptionArgs {
  @Field(() => ID, { description: 'The address option to update' })
  id!: string;

  @Field(() => String, { nullable: true, description: "New text, 1 to 80 characters; customers' stored addresses keep the old one; omitted keeps it" })
  @Omittable()
  @IsString()
  @Length(1, 80, { message: 'Value must be 1 to 80 characters' })
  @NotBlank()
  value?: string;

  @VersionArg()
  version?: number | null;
}

/** The tenant's address drop-down. Renaming an option leaves customers' stored addresses as they are. */
export class AddressOptionService
  extends TenantCrudService<AddressOption, AddressOptionFilter>
  implements CrudService<AddressOption, AddressOptionFilter, CreateAddressOptionArgs, UpdateAddressOptionArgs>
{
  protected readonly entity = AddressOption;
  protected readonly label = 'Address option';
  protected readonly defaultSort = { value: 'ASC' } as const;

  create(input: CreateAddressOptionArgs): Promise<AddressOption> {
    return this.write('create', null, async (em) =>
      em.create(AddressOption, { tenant: em.getReference(Tenant, this.principal.tenantId), value: requiredText(input.value, 'value') }),
    );
  }

  update(input: UpdateAddressOptionArgs): Promise<AddressOption> {
    return this.write('update', input, async (_em, option) => {
      if (input.value !== undefined) option!.value = requiredText(input.value, 'value');
      return option!;
    });
  }

  protected override async flush(em: EntityManager, option: AddressOption): Promise<void> {
    try {
      await em.flush();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) throw badInput({ value: `"${option.value}" is already an option` });
      throw e;
    }
  }
}
