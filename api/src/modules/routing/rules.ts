import { Length, Matches } from 'class-validator';

/**
 * Field rules of SPEC §6 shared by the routing resources, each published to the console as a
 * length and a pattern.
 */

/** A number dialled or routed to: 1 to `max` digits, nothing else. */
export function Digits(label: string, max: number): PropertyDecorator {
  const length = Length(1, max, { message: `${label} must be 1 to ${max} digits` });
  const pattern = Matches(/^[0-9]*$/, { message: `${label} must contain digits only` });
  return (target, property) => {
    length(target, property);
    pattern(target, property);
  };
}
