import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../base/context';

/** Records which root mutation runs (they run one at a time), for audit entries. */
export const RecordOperation: MiddlewareFn<Context> = ({ context, info }, next) => {
  if (info.parentType.name === 'Mutation' && info.path.prev === undefined) context.operation = info.fieldName;
  return next();
};
