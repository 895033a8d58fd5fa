import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { benchDir } from './results.js';

/**
 * bench/lib/chunking-worker.ts compiled to plain JavaScript, so each contender runs in a plain
 * `node` process: under tsx's loader the same compiled code ran about a quarter slower,
 * which is not how either library runs in an application. Dependencies stay external and
 * resolve through bench/node_modules.
 */
export async function chunkingWorkerBuild(): Promise<string> {
  const outDir = join(tmpdir(), 'weft-bench-chunking-worker');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'chunking-worker.mjs');
  await build({
    entryPoints: [join(benchDir, 'lib', 'chunking-worker.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  symlinkSync(join(benchDir, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return outfile;
}
