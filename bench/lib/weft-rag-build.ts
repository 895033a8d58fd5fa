import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { repoDir } from './results.js';

const ragDir = join(repoDir, 'packages', 'rag');

/**
 * `@weft/rag`'s chunkers compiled the way tsup builds the package (ESM, es2022, platform
 * neutral, dependencies external), so the benchmark measures compiled JavaScript; `@weft/core`
 * resolves through the package's own node_modules to core's build.
 */
export async function weftChunkersBuild(): Promise<string> {
  const outDir = join(tmpdir(), 'weft-bench-chunkers');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { index: join(ragDir, 'src', 'chunkers', 'index.ts') },
    outdir: outDir,
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
