import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'node/index': 'src/node/index.ts',
    'stores/pgvector/index': 'src/stores/pgvector/index.ts',
    'stores/usearch/index': 'src/stores/usearch/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['@weft/core', 'vitest', 'pdfjs-dist', '@electric-sql/pglite', 'pg', 'usearch'],
});
