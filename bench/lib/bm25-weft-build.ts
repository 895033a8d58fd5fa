import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { repoDir } from './results.js';

/**
 * Weft's BM25 index as users would run it: `packages/rag/src/bm25` compiled and bundled with
 * esbuild the way tsup builds the package (ESM, es2022, platform neutral), its one import
 * from `@weft/core` (the error classes) resolved from source. The bench package does not
 * depend on `@weft/rag` yet, so it cannot import the package's own build.
 */
export async function weftBm25Build(): Promise<string> {
  const outDir = join(tmpdir(), `weft-bench-bm25-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { index: join(repoDir, 'packages', 'rag', 'src', 'bm25', 'index.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['@weft/source'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return pathToFileURL(join(outDir, 'index.js')).href;
}
