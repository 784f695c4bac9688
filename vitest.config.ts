import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/security/**/*.test.ts'],
    pool: 'forks',
    // Secrets are sealed with a key file outside the data folder: tests use their own, never the developer's.
    // The suite's CLI assertions are written against the English messages; the CLI speaks Romanian by default,
    // which tests/db/cli-language.test.ts checks with this variable removed.
    env: { PLA_DESK_SECRETS_KEY: path.join(os.tmpdir(), `pla-desk-test-secrets-${process.pid}.key`), PLA_DESK_LANG: 'en' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
