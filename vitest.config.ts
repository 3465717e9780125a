import { defineConfig } from 'vitest/config';

// One runner for the monorepo: every package's unit tests (next to the code) and integration
// tests (each app's test/ folder). Suites that need a service start it themselves.
export default defineConfig({
  test: {
    include: ['{apps,packages,e2e}/**/*.test.ts', '{apps,packages}/**/*.test.tsx', 'apps/judge-agent/sandbox-tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report lets .ci/run print the plain 'N passed, N failed' closing line.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
    typecheck: { enabled: true, include: ['packages/protocol/**/*.test-d.ts'], tsconfig: 'packages/protocol/tsconfig.json' },
  },
});
