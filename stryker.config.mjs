// @ts-check
import { readFileSync } from 'node:fs';
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
/**
 * `file:first-last` lines of the declaration whose first line matches `head`, through the brace
 * that closes its body: the ranges follow the code when lines above it move.
 */
function span(file, head) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const first = lines.findIndex((line) => head.test(line));
  if (first < 0) throw new Error(`stryker.config.mjs: no ${head} in ${file}`);
  // A one-line declaration (`export const f = (...) => ...;`).
  if (lines[first].trimEnd().endsWith(';')) return `${file}:${first + 1}-${first + 1}`;
  let body = first;
  while (body < lines.length && !lines[body].trimEnd().endsWith('{')) body++;
  let depth = 0;
  for (let i = body; i < lines.length; i++) {
    for (const ch of lines[i]) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    if (depth === 0) return `${file}:${first + 1}-${i + 1}`;
  }
  throw new Error(`stryker.config.mjs: unbalanced braces after ${head} in ${file}`);
}

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
    span('api/src/authz/catalogue.ts', /^export const isKnownPermission/),
    span('api/src/authz/catalogue.ts', /^export function effectivePermissions\(/),
    // The structural row scope: the filter on every tenant table and its escape hatch.
    'api/src/common/row-scope.ts',
    // The kernel's scope and write path (not paging and sorting).
    ...[
      'inScope\\(',
      'protected scope\\(',
      'protected where\\(',
      'async get\\(',
      'async access\\(',
      'loader\\(\\)',
      'protected assertAllowed\\(',
      'protected write\\(',
    ].map((head) => span('api/src/common/tenant-crud.service.ts', new RegExp(`^  ${head}`))),
    // What a principal holds, and the takeover rule.
    'api/src/modules/identity/holdings.query.ts',
    // Who may give which roles and grants, and which grants a caller sees.
    ...['async function rolesFor\\(', 'async function checkGrants\\(', 'function visibleGrants<', 'async function applyAssignments\\('].map((head) =>
      span('api/src/modules/identity/assignments.ts', new RegExp(`^export ${head}`)),
    ),
    // The audit log's scope(): an entry is read like the record it describes.
    span('api/src/modules/audit/audit.service.ts', /^ {2}protected override scope\(/),
  ],
  ignorePatterns: ['.data', 'docs', 'reports', 'coverage', 'admin/src', 'admin/node_modules', '*.log'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // Not a dot folder: under one, Vite loads a second copy of graphql ("from another module or realm").
  tempDirName: 'stryker-tmp',
};
