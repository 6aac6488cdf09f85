import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { NoSchemaIntrospectionCustomRule, type ParseOptions, type ValidationRule } from 'graphql';

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

export function validationRules(production: boolean): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true }),
    maxAliasesRule({ n: QUERY_LIMITS.maxAliases, exposeLimits: true }),
    maxDirectivesRule({ n: QUERY_LIMITS.maxDirectives, exposeLimits: true }),
    costLimitRule({ maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true, exposeLimits: true }),
  ];
  if (production) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
