import type { GraphQLSchema } from 'graphql';
import type { Context } from '../base/context';

/** Every root mutation records its name in the context before it runs (they run one at a time), for audit entries. In place. */
export function recordOperationsIn(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = (source, args, context: Context, info) => {
      context.operation = info.fieldName;
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
