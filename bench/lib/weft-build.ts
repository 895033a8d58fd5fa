import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoDir } from './results.js';

/**
 * The benchmarks measure what users install: the built `@weft/core` (its `dist/`), never
 * the TypeScript sources. This finds the build, and builds it when it is missing or older
 * than the sources. `WEFT_CORE_DIST=/some/dir` points at another build (it must hold
 * `index.js` and `openai/index.js`) and skips the check.
 */
export interface WeftBuild {
  dir: string;
  /** Absolute paths of the ESM entries. */
  coreEntry: string;
  openaiEntry: string;
  /** `file:` URLs of the same, for `import()`. */
  coreUrl: string;
  openaiUrl: string;
  /** Whether the build is the package's own `dist/` (and so what a bare import resolves to). */
  isPackageDist: boolean;
}

const coreDir = join(repoDir, 'packages', 'core');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The entries of a build in `dir`; throws when they are missing. */
export function describeWeftBuild(dir: string): WeftBuild {
  const build = describe(dir, false);
  if (!isBuilt(build)) throw new Error(`${dir} does not hold index.js and openai/index.js.`);
  return build;
}

function describe(dir: string, isPackageDist: boolean): WeftBuild {
  const coreEntry = join(dir, 'index.js');
  const openaiEntry = join(dir, 'openai', 'index.js');
  return {
    dir,
    coreEntry,
    openaiEntry,
    coreUrl: pathToFileURL(coreEntry).href,
    openaiUrl: pathToFileURL(openaiEntry).href,
    isPackageDist,
  };
}

function isBuilt(build: WeftBuild): boolean {
  return existsSync(build.coreEntry) && existsSync(build.openaiEntry);
}

/** Returns the build to measure, running `pnpm --filter @weft/core build` when needed. */
export function ensureWeftBuild(log: (line: string) => void = console.error): WeftBuild {
  const override = process.env.WEFT_CORE_DIST;
  if (override) {
    const build = describeWeftBuild(override);
    log(`Measuring the @weft/core build in ${override} (WEFT_CORE_DIST).`);
    return build;
  }
  const build = describe(join(coreDir, 'dist'), true);
  const stale =
    isBuilt(build) &&
    statSync(build.coreEntry).mtimeMs < newestMtime(join(coreDir, 'src')) &&
    'older than packages/core/src';
  if (isBuilt(build) && !stale) return build;
  log(
    `packages/core/dist is ${stale || 'missing'}: running \`pnpm --filter @weft/core build\` first.`,
  );
  try {
    execFileSync('pnpm', ['--filter', '@weft/core', 'build'], { cwd: repoDir, stdio: 'inherit' });
  } catch {
    throw new Error(
      'Building @weft/core failed, so there is nothing to measure. Fix the build, or build the ' +
        'two entries elsewhere and point WEFT_CORE_DIST at them:\n' +
        '  cd packages/core && npx tsup src/index.ts src/openai/index.ts --format esm ' +
        '--no-dts --out-dir /tmp/weft-dist\n' +
        '  ln -s "$PWD/node_modules" /tmp/weft-dist/node_modules   # to resolve eventsource-parser\n' +
        '  WEFT_CORE_DIST=/tmp/weft-dist pnpm --filter @weft/bench run bench',
    );
  }
  if (!isBuilt(build)) throw new Error('The @weft/core build did not produce dist/index.js.');
  return build;
}
