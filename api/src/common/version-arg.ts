import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { Field, Int } from 'type-graphql';
import { NotBlank, Omittable } from './validation';

/** The `version` argument of every update: the version that was edited; a stale one is a CONFLICT. */
export function VersionArg(): PropertyDecorator {
  const decorators = [
    Field(() => Int, { nullable: true, description: 'The version that was edited; a stale one is a CONFLICT' }),
    IsOptional(),
    IsInt(),
    Min(1),
  ];
  return (target, key) => {
    for (const d of decorators) (d as PropertyDecorator)(target, key);
  };
}

/**
 * A name-like text argument: 1..max characters, not blank. On updates (`required: false`) an
 * omitted argument leaves the value unchanged and an explicit null is refused. The description
 * (what the name is, default the label) gets the length rule appended, from `max`.
 */
export function NameArg(
  max: number,
  { required = true, label = 'Name', description = label }: { required?: boolean; label?: string; description?: string } = {},
): PropertyDecorator {
  const decorators = [
    Field(() => String, { nullable: !required, description: `${description}; 1 to ${max} characters, not blank${required ? '' : '; omitted keeps it'}` }),
    ...(required ? [] : [Omittable()]),
    IsString(),
    Length(1, max, { message: `${label} must be 1 to ${max} characters` }),
    NotBlank(),
  ];
  return (target, key) => {
    for (const d of decorators) (d as PropertyDecorator)(target, key);
  };
}
