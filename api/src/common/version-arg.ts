import { IsInt, IsOptional, Min } from 'class-validator';
import { Field, Int } from 'type-graphql';

/** The `version` argument of every update: the version that was edited; a stale one is a CONFLICT. */
export function VersionArg(): PropertyDecorator {
  const decorators = [
    Field(() => Int, { nullable: true, description: 'The version that was edited; a stale one is a CONFLICT' }),
    IsOptional(),
    IsInt(),
    Min(1),
  ];
  return (target, key) => decorators.forEach((d) => (d as PropertyDecorator)(target, key));
}
