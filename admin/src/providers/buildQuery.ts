import { buildGqlQuery, buildQueryFactory, buildVariables, getResponseParser } from 'ra-data-graphql-simple';
import type { DocumentNode, FieldNode, OperationDefinitionNode } from 'graphql';

type BuildGqlQuery = typeof buildGqlQuery;
interface Introspected {
  queries: { name: string; args: { name: string }[] }[];
}

/**
 * ra-data-graphql-simple passes the list's arguments (page, perPage, sort) to `_allXsMeta` as
 * well; this API's meta queries take only `filter`, so arguments a meta query does not declare
 * are dropped from its field.
 */
const buildGqlQueryForMeta: BuildGqlQuery = (introspectionResults) => {
  const build = buildGqlQuery(introspectionResults);
  const { queries } = introspectionResults as unknown as Introspected;
  return (resource, raFetchMethod, queryType, variables) => {
    const document = build(resource, raFetchMethod, queryType, variables) as DocumentNode;
    const meta = queries.find((q) => q.name === `_${queryType.name}Meta`);
    if (!meta) return document;
    const allowed = new Set(meta.args.map((a) => a.name));
    return {
      ...document,
      definitions: document.definitions.map((definition) => {
        if (definition.kind !== 'OperationDefinition') return definition;
        const operation = definition as OperationDefinitionNode;
        return {
          ...operation,
          selectionSet: {
            ...operation.selectionSet,
            selections: operation.selectionSet.selections.map((selection) => {
              if (selection.kind !== 'Field' || selection.name.value !== meta.name) return selection;
              const field = selection as FieldNode;
              return { ...field, arguments: field.arguments?.filter((a) => allowed.has(a.name.value)) };
            }),
          },
        };
      }),
    } as DocumentNode;
  };
};

export const buildQuery = buildQueryFactory(buildVariables, buildGqlQueryForMeta, getResponseParser);
