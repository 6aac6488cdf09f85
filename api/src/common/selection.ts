import { type FieldNode, getArgumentValues, getNamedType, type GraphQLResolveInfo, isObjectType, Kind, type SelectionSetNode } from 'graphql';

/**
 * The arguments of every selection of `field` on the value the current resolver returns
 * (aliases and fragments included), so one statement can fetch what the nested fields will ask
 * for before they run (the customer context's first page of the journey).
 */
export function argumentsOfSelected(info: GraphQLResolveInfo, field: string): Record<string, unknown>[] {
  const type = getNamedType(info.returnType);
  const definition = isObjectType(type) ? type.getFields()[field] : undefined;
  if (!definition) return [];
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD && s.name.value === field) found.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else if (s.kind === Kind.FRAGMENT_SPREAD) visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return found.map((node) => getArgumentValues(definition, node, info.variableValues));
}
