import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { KnownOperationTypesRule } from './operation-types.rule';

/**
 * Query limits, the same on HTTP and WebSocket. They run at validation time, so an over-limit
 * operation is rejected before any resolver runs. Sized for the console and CRM queries with
 * headroom; a legitimate client never comes near them.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxCost: 5000,
  maxTokens: 2000,
} as const;

export const parseOptions: ParseOptions = { maxTokens: QUERY_LIMITS.maxTokens };

/**
 * Armor's rules throw by default, which Apollo reports as an internal error and graphql-ws
 * answers by closing the socket; reported as validation errors they reach the client.
 */
const report = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export function validationRules(production: boolean): ValidationRule[] {
  const rules: ValidationRule[] = [
    KnownOperationTypesRule,
    maxDepthRule({ n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, ...report }),
    maxAliasesRule({ n: QUERY_LIMITS.maxAliases, ...report }),
    maxDirectivesRule({ n: QUERY_LIMITS.maxDirectives, ...report }),
    costLimitRule({ maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true, ...report }),
  ];
  if (production) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
