// @ts-check
/**
 * Mutation testing of the enforcement point (issue 7, item 16): `npm run test:mutation`.
 *
 * Mutates the authorization rules (api/src/authz), the kernel's scope and write path and the
 * rules beside it, and runs the security suites against each mutant (vitest.mutation.config.mts,
 * the property tests at a reduced number of worlds). Slow on 2 cores, so not part of CI; the
 * latest score and every surviving mutant are in docs/security.md ("Mutation testing").
 *
 * Like `npm test`, the suites start a throw-away embedded PostgreSQL unless DATABASE_URL is set;
 * a running server is faster: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:mutation`.
 * Reports: reports/mutation/ (HTML, JSON).
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: {
    configFile: 'vitest.mutation.config.mts',
    // The suites reach the code through the HTTP pipeline, not by importing it: run them all (per-test coverage picks per mutant).
    related: false,
  },
  // Each test is attributed (the runner's beforeEach), so a mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // The project builds with TypeScript 7: no TypeScript checker.
  checkers: [],
  // Stryker rewrites the tsconfig with TypeScript's JS API, which TypeScript 7 no longer has; the root
  // tsconfig.json points at nothing outside the sandbox, so there is nothing to rewrite: name no file.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  // Mutants only reached while modules load (the subject table, the permission catalogue) would need a full reload each.
  ignoreStatic: true,
  concurrency: 1,
  // The database makes test times vary: generous timeouts, so a slow query is not mistaken for an endless loop.
  timeoutFactor: 2.5,
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 30,
  mutate: [
    'api/src/authz/**/*.ts',
    // The catalogue's labels and menus are data, not rules: only the effective-permission logic.
    '!api/src/authz/catalogue.ts',
    'api/src/authz/catalogue.ts:56-65',
    // The kernel: scope(), where(), get(), access(), loader(), assertAllowed(), write().
    'api/src/common/tenant-crud.service.ts:77-135',
    'api/src/common/tenant-crud.service.ts:146-210',
    // What a principal holds, and the takeover rule.
    'api/src/modules/identity/holdings.query.ts',
    // rolesFor, checkGrants, visibleGrants, applyAssignments.
    'api/src/modules/identity/assignments.ts:74-139',
    // The audit log's scope() override.
    'api/src/modules/audit/audit.service.ts:35-41',
  ],
  ignorePatterns: ['.data', 'docs', 'reports', 'coverage', 'admin/src', 'admin/node_modules', '*.log'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
};
