/**
 * What a domain module contributes to the product: its entities (for the ORM) and its
 * resolvers (for the schema). Each module folder declares one; api/src/modules/index.ts lists
 * the modules, and nothing else names their parts.
 */
export interface ModuleManifest {
  name: string;
  entities: readonly Function[];
  resolvers: readonly Function[];
}
