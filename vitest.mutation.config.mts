import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.mts';

/**
 * The security suites, for mutation testing of the enforcement point (`npm run test:mutation`,
 * see stryker.config.mjs): the same decorator transform, graphql alias and global setup (one
 * migrated database: DATABASE_URL, else a throw-away embedded PostgreSQL) as `vitest.config.mts`,
 * with the property tests at a reduced number of worlds so a mutant costs seconds, not minutes.
 */
const security = [
  // Quickest first.
  'test/api/tenant-params-access.test.ts',
  'test/api/auth.test.ts',
  'test/api/authz-rules.test.ts',
  'test/api/unscoped.test.ts',
  'test/api/customers.test.ts',
  'test/api/org-units.test.ts',
  'test/api/audit.test.ts',
  'test/api/token-revocation.test.ts',
  'test/api/audit-scope.test.ts',
  'test/api/security-matrix.test.ts',
  'test/api/security-rules.test.ts',
  'test/api/takeover.test.ts',
  'test/api/identity.test.ts',
];

/**
 * Files in the order above, the property tests last: a mutant stops at its first failing test
 * (Stryker bails), so the quick, pointed suites get the first chance to kill it. (Vitest's own
 * order puts the longest file first.)
 */
const ORDER = [...security, 'test/api/escalation.property.test.ts', 'test/api/isolation.property.test.ts'];
const rank = (file: TestSpecification) => {
  const at = ORDER.findIndex((name) => file.moduleId.endsWith(name));
  return at < 0 ? ORDER.length : at;
};
class InOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  oxc: base.oxc,
  resolve: base.resolve,
  test: {
    globalSetup: base.test?.globalSetup,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Stryker's vitest runner runs the files one at a time in one worker thread; plain `vitest run -c` does the same here.
    fileParallelism: false,
    sequence: { sequencer: InOrder },
    projects: [
      { extends: true, test: { name: 'security', include: security } },
      { extends: true, test: { name: 'isolation', include: ['test/api/isolation.property.test.ts'], env: { PBT_RUNS: process.env.PBT_RUNS ?? '60' } } },
      {
        extends: true,
        test: { name: 'escalation', include: ['test/api/escalation.property.test.ts'], env: { PBT_RUNS: process.env.PBT_ESCALATION_RUNS ?? '40' } },
      },
    ],
  },
});
