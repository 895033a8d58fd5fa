import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@weft/source'] },
  ssr: { resolve: { conditions: ['@weft/source'] } },
  test: {
    name: 'rag',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
