import {
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isLeafType,
  isListType,
  TypeInfo,
  ValidationContext,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { createComplexityRule, type ComplexityEstimator } from 'graphql-query-complexity';
import { MAX_PER_PAGE, pageSize } from '../common/list';
import { LIST_SIZE } from '../base/list-size';

/** Arguments that size a list (ra-data-graphql-simple's `perPage`, cursor-style `first` / `last`, `limit`). */
const SIZE_ARGUMENTS = ['perPage', 'first', 'last', 'limit'] as const;

/**
 * How many items a list field may return: its size argument (or, when not given, the argument's
 * default), bounded by the ids its `filter.ids` names; without either, those ids or the server's
 * default page size, as the list itself pages (`pageSize`). Else its declared ListSize. A list
 * with neither is priced as a full page of the largest size, so forgetting a declaration errs on
 * the safe side.
 */
export function listSizeOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  for (const name of SIZE_ARGUMENTS) {
    const arg = field.args.find((a) => a.name === name);
    if (!arg) continue;
    const given = args[name] ?? arg.defaultValue;
    const filter = args.filter && typeof args.filter === 'object' ? (args.filter as { ids?: unknown[] | null }) : undefined;
    return pageSize(typeof given === 'number' && given >= 0 ? given : undefined, filter);
  }
  const declared = field.extensions?.[LIST_SIZE];
  return typeof declared === 'number' ? declared : MAX_PER_PAGE;
}

/**
 * The cost of a field is the number of values it can put into the response: one for itself, plus
 * its selections once per item it can hold. So nesting lists multiplies, as it does the work
 * and the size of the reply. Lists of scalars count as one value; introspection is not multiplied
 * (it is bounded by the schema, and off in production). `__typename` is priced with its object
 * (the object field's own one): it is answered from the type, with no resolver and no database,
 * and Apollo Client adds it to every selection set, so pricing it would refuse a stock client's
 * largest pages (500 customers: 51,504 instead of 45,003) that the limit is sized to admit.
 */
const valuesEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name === '__typename') return 0;
  const itemType = getNullableType(field.type);
  if (!isListType(itemType) || isLeafType(getNamedType(field.type)) || type.name.startsWith('__')) return 1 + childComplexity;
  return 1 + listSizeOf(field, args) * childComplexity;
};

export interface CostOptions {
  maxCost: number;
  /** Selections visited, fragments expanded (a fragment spread many times is visited many times). */
  maxNodes: number;
}

const refused = (message: string) => new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

/**
 * The cost check of one operation with its variables (a list's size is often a variable, so it
 * cannot be a document-only validation rule). Returns the refusal, or nothing when the operation
 * may run. Variables that do not fit the operation are left to execution, which reports them.
 */
export function costCheck(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  o: CostOptions,
): CostResult {
  if (sizedByVariables(document)) return computeCost(schema, document, variables, operationName, o) ?? { cost: 0 };
  // The same cost whatever the variables: computed once per parsed document (Apollo keeps one
  // per query text), per operation and limits.
  const byOptions = known.get(schema) ?? new WeakMap();
  known.set(schema, byOptions);
  const byDocument = byOptions.get(o) ?? new WeakMap();
  byOptions.set(o, byDocument);
  const results = byDocument.get(document) ?? new Map<string, CostResult>();
  byDocument.set(document, results);
  let result = results.get(operationName ?? '');
  if (!result) {
    result = computeCost(schema, document, variables, operationName, o);
    // Not kept when these variables do not fit the operation (left to execution, costed at 0).
    if (!result) return { cost: 0 };
    results.set(operationName ?? '', result);
  }
  return result;
}

type CostResult = { cost: number; error?: GraphQLError };
const known = new WeakMap<GraphQLSchema, WeakMap<CostOptions, WeakMap<DocumentNode, Map<string, CostResult>>>>();
const sized = new WeakMap<DocumentNode, boolean>();

/** Whether a variable can change the cost: it sizes a list or its ids, or decides a @skip / @include. */
function sizedByVariables(document: DocumentNode): boolean {
  let found = sized.get(document);
  if (found === undefined) {
    found = false;
    const sizing = new Set<string>([...SIZE_ARGUMENTS, 'filter']);
    let depth = 0;
    visit(document, {
      Argument: { enter: (node) => void (sizing.has(node.name.value) && depth++), leave: (node) => void (sizing.has(node.name.value) && depth--) },
      Directive: { enter: () => void depth++, leave: () => void depth-- },
      Variable: () => {
        if (depth > 0) found = true;
      },
    });
    sized.set(document, found);
  }
  return found;
}

function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  o: CostOptions,
): CostResult | undefined {
  const operation = getOperationAST(document, operationName);
  if (operation && getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors) return undefined;
  const reported: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);
  const context = new ValidationContext(schema, document, typeInfo, (e) => reported.push(e));
  const visitor = createComplexityRule({
    maximumComplexity: o.maxCost,
    maxQueryNodes: o.maxNodes,
    estimators: [valuesEstimator],
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    createError: (max, actual) =>
      refused(
        `Query cost ${actual} exceeds the limit of ${max}: the cost counts every value the reply can hold, lists by their page size (perPage) or fixed size, nested lists multiplied. Ask for smaller pages or fewer nested lists.`,
      ),
  })(context);
  try {
    visit(document, visitWithTypeInfo(typeInfo, visitor));
  } catch (e) {
    if (e instanceof GraphQLError)
      return { cost: Infinity, error: refused(`Query exceeds the limit of ${o.maxNodes} selections once its fragments are expanded`) };
    throw e;
  }
  return { cost: visitor.complexity, error: reported[0] && withCode(reported[0]) };
}

function withCode(error: GraphQLError): GraphQLError {
  return error.extensions?.code ? error : refused(error.message);
}
