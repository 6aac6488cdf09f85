import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * An operation whose root type the schema lacks (e.g. `subscription { … }` while the schema has
 * no Subscription type) is refused at validation, like any other invalid document. graphql-js 16
 * does not check it (17's KnownOperationTypesRule does) and fails at execution instead, which
 * would read as an internal error.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This schema has no ${node.operation} type: ${node.operation} operations are not supported`, { nodes: node }));
  },
});
