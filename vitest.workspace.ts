import { defineConfig } from 'vitest/config';

// The one test configuration: `vitest run --config vitest.workspace.ts` runs every package's
// tests and the examples' tests. Sources are imported through the `@weft/source` export
// condition, so no build is needed first.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples'],
  },
});
