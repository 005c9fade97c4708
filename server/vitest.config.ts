import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects: `pure` runs the rules (calendar, workflow, numbering…) with no database; `db` runs everything
// that needs one, each test file on its own clone of a migrated and seeded template database (PGlite by
// default, PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores: on CI's two cores that is one, and the other core idles
    // while a test file waits on its database or a child process. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.db.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
