import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Context } from '../base/context';
import { costCheck } from './cost';
import { KnownOperationTypesRule } from './operation-types.rule';

/**
 * Query limits, the same on HTTP and WebSocket. They run before any resolver, so an over-limit
 * operation is refused (GRAPHQL_VALIDATION_FAILED) without touching the database. Sized for the
 * console's and CRMs' queries: a legitimate client never comes near them.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  /**
   * The most values a reply may hold, lists multiplied by their page or fixed size (cost.ts).
   * The console's heaviest query, an export of 500 agents with their six parameters (each with
   * its closed set of choices) and phone registrations, costs 52,003 (500 customers with their
   * latest five contacts: 45,003); the attack of issue 7 (15 aliases of allCustomers(perPage:
   * 500) nesting latestContacts { customer { latestContacts } }) costs about 61 million. The
   * limit must admit the stock client's largest page of every resource (edge-hardening test);
   * about 50,000 values are what this stack computes in a second on a 2-core machine.
   */
  maxCost: 55_000,
  /** Selections visited once fragments are expanded (a fragment spread twice is visited twice). */
  maxNodes: 10_000,
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
  ];
  if (production) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/**
 * The cost limit needs the variables (page sizes are usually variables), so it cannot be a
 * validation rule, whose results Apollo caches per document: it runs once the operation is
 * known, before execution, on HTTP (the plugin) and WebSocket (ws.ts) alike.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
): GraphQLError | undefined {
  return costCheck(schema, document, variables, operationName, QUERY_LIMITS).error;
}

export const costLimitPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, request }) {
        const refusal = costRefusal(schema, document, request.variables, request.operationName);
        // Answered like the other validation failures: HTTP 400.
        if (refusal) throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
      },
    };
  },
};
