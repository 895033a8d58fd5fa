import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { repoDir } from './results.js';
import { ensureWeftBuild } from './weft-build.js';

/** Where the benchmark imports Weft's tokenizer from, and what that is. */
export interface WeftTokensBuild {
  url: string;
  /** `dist`: the package's build. `bundle`: src/tokens bundled here like tsup would. */
  kind: 'dist' | 'bundle';
}

const coreDir = join(repoDir, 'packages', 'core');

/**
 * The built `@weft/core` when its root entry exports the tokenizer; until then (or when the
 * package build fails) `src/tokens/index.ts` bundled with esbuild the way tsup builds the
 * package (ESM, es2022, platform neutral, dependencies external, code splitting), so what is
 * measured is still compiled JavaScript loading js-tiktoken's rank files lazily.
 */
export async function weftTokensBuild(log: (line: string) => void): Promise<WeftTokensBuild> {
  try {
    const dist = ensureWeftBuild(log);
    const module = (await import(dist.coreUrl)) as Record<string, unknown>;
    if (typeof module.getTokenizer === 'function') return { url: dist.coreUrl, kind: 'dist' };
    log('packages/core/dist does not export getTokenizer yet: bundling src/tokens instead.');
  } catch (error) {
    log(`The package build is unusable (${(error as Error).message}): bundling src/tokens.`);
  }
  const outDir = join(tmpdir(), 'weft-bench-tokens');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { index: join(coreDir, 'src', 'tokens', 'index.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    splitting: true,
    packages: 'external',
    logLevel: 'warning',
  });
  // The bundle resolves js-tiktoken the way the package does: from core's node_modules.
  symlinkSync(join(coreDir, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return { url: pathToFileURL(join(outDir, 'index.js')).href, kind: 'bundle' };
}
