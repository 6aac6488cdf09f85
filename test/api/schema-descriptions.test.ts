import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../api/src/schema';

/** One schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`) and whether it is described. */
interface Coordinate {
  coordinate: string;
  described: boolean;
}

const described = (description: string | null | undefined) => typeof description === 'string' && description.trim() !== '';

/**
 * Every public coordinate of the schema an integrator reads: our types (object, interface, union,
 * input, enum, scalar), their fields, the arguments of every field (root operations included),
 * input fields and enum values. GraphQL's own scalars and introspection types are exempt, and so
 * are the root types themselves (Query, Mutation, Subscription), which SDL cannot describe usefully;
 * their fields, the operations, are not exempt.
 */
function coordinatesOf(schema: GraphQLSchema): Coordinate[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const out: Coordinate[] = [];
  const args = (owner: string, list: readonly GraphQLArgument[]) => {
    for (const arg of list) out.push({ coordinate: `${owner}(${arg.name}:)`, described: described(arg.description) });
  };
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!roots.has(type as never)) out.push({ coordinate: type.name, described: described(type.description) });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const at = `${type.name}.${field.name}`;
        out.push({ coordinate: at, described: described(field.description) });
        args(at, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) out.push({ coordinate: `${type.name}.${field.name}`, described: described(field.description) });
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) out.push({ coordinate: `${type.name}.${value.name}`, described: described(value.description) });
    } else if (isUnionType(type)) {
      // A union has no members of its own to describe: its types are checked where they are declared.
    }
  }
  return out;
}

describe('schema descriptions', () => {
  it('every public type, field, argument, input field, enum value and operation carries a description', async () => {
    const coordinates = coordinatesOf(await buildAppSchema());
    const undocumented = coordinates.filter((c) => !c.described).map((c) => c.coordinate);
    const summary = `${coordinates.length - undocumented.length} of ${coordinates.length} coordinates described; undocumented:\n  ${undocumented.join('\n  ')}`;
    expect(undocumented, summary).toEqual([]);
  });

  it('the walk covers every kind of coordinate (a check on the test itself)', async () => {
    const coordinates = coordinatesOf(await buildAppSchema()).map((c) => c.coordinate);
    expect(coordinates).toContain('Query.allCustomers');
    expect(coordinates).toContain('Query.allCustomers(filter:)');
    expect(coordinates).toContain('Mutation.createCustomer(name:)');
    expect(coordinates).toContain('CustomerFilter.q');
    expect(coordinates).toContain('Customer.access');
    expect(coordinates.some((c) => /^Gender\.[A-Z]+$/.test(c))).toBe(true);
    expect(coordinates).not.toContain('String');
    expect(coordinates).not.toContain('Query');
  });
});
