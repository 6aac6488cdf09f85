import { defineConfig } from 'vitest/config';

export default defineConfig({
  // type-graphql and MikroORM read decorator metadata: Oxc (Vite 8's TypeScript transform)
  // emits it for legacy decorators, like tsc does for the build. No native compiler needed.
  oxc: {
    decorator: { legacy: true, emitDecoratorMetadata: true },
  },
  resolve: {
    // One graphql module (CJS) for the server code and the tests, never the .mjs twin as well.
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    // Servers, sockets and databases a test opens are disposed of at the end of its file.
    setupFiles: ['test/support/dispose.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: ['test/**/*.sequential.test.ts'] } },
      // Timing checks measure the server, so nothing else may run on the cores meanwhile: after the suite, one file at a time.
      {
        extends: true,
        test: { name: 'sequential', include: ['test/**/*.sequential.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
