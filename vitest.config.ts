import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts'],
    pool: 'forks',
    // The suite's CLI assertions are written against the English messages; the CLI speaks Romanian by default,
    // which tests/db/cli-language.test.ts checks with this variable removed.
    env: { PLA_DESK_LANG: 'en' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
