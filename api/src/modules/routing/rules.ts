import { Length, Matches } from 'class-validator';

/**
 * Field rules of SPEC §6 shared by the routing resources, each published to the console as a
 * length and a pattern.
 */

/** What a routing name may be, as the argument descriptions say it. */
export const ROUTING_NAME_RULE = "1 to 100 characters, unique in the tenant (ignoring case), none of `~!#$%^&*()+=|{}':;,<>/? and no control characters";

/** `` `~!#$%^&*()+=|{}':;,<>/? `` and control characters (C0, DEL, C1). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern exists to refuse control characters
const NAME_PATTERN = /^[^`~!#$%^&*()+=|{}':;,<>/?\u0000-\u001f\u007f-\u009f]*$/;

/** A routing name: 1 to 100 characters, none of the forbidden characters, no control characters. */
export function RoutingName(label: string): PropertyDecorator {
  const length = Length(1, 100, { message: `${label} must be 1 to 100 characters` });
  const pattern = Matches(NAME_PATTERN, { message: `${label} must not contain control characters or any of \`~!#$%^&*()+=|{}':;,<>/?` });
  return (target, property) => {
    length(target, property);
    pattern(target, property);
  };
}

/** A number dialled or routed to: 1 to `max` digits, nothing else. */
export function Digits(label: string, max: number): PropertyDecorator {
  const length = Length(1, max, { message: `${label} must be 1 to ${max} digits` });
  const pattern = Matches(/^[0-9]*$/, { message: `${label} must contain digits only` });
  return (target, property) => {
    length(target, property);
    pattern(target, property);
  };
}
