import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'tests/empty-module.ts'),
    },
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts', 'supabase/tests/**/*.test.ts'],
    exclude: ['tests/fixtures/**', 'node_modules/**'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup-db.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: 'test',
      COMMUNITYOS_DB_PROFILE: 'test',
      // A fixed test-only signing secret, so tests never write .data/secrets.json.
      AUTH_SECRET: 'test-secret-for-vitest-only-0123456789abcdef-xyz',
    },
  },
});
