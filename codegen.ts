import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The console's inputs, generated from the committed schema (never from a running server):
 * the introspection result that ra-data-graphql-simple reads instead of querying the API,
 * which keeps introspection off in production.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'schema/introspection.json': {
      plugins: ['introspection'],
      config: { minify: false, descriptions: true },
    },
  },
};

export default config;
