import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { repoDir } from './results.js';

const ragDir = join(repoDir, 'packages', 'rag');

/**
 * `@weft/rag`'s ingestion, in-memory store and chunkers compiled the way tsup builds the
 * package (ESM, es2022, platform neutral, dependencies external); `@weft/core` resolves
 * through the package's own node_modules to core's build.
 */
export async function weftIngestBuild(): Promise<string> {
  const outDir = join(tmpdir(), 'weft-bench-ingest');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    stdin: {
      contents: [
        "export * from './src/ingest/index.ts';",
        "export * from './src/stores/in-memory/index.ts';",
        "export * from './src/chunkers/index.ts';",
      ].join('\n'),
      resolveDir: ragDir,
      loader: 'ts',
    },
    outfile: join(outDir, 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    logLevel: 'warning',
  });
  symlinkSync(join(ragDir, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return pathToFileURL(join(outDir, 'index.js')).href;
}
