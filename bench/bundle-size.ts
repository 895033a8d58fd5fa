/**
 * Bundle size: two tiny apps that stream a reply through the OpenAI provider, one on Weft
 * (`@weft/core` + `@weft/core/openai`, the built package), one on `ai` + `@ai-sdk/openai`,
 * each bundled by esbuild with minification for Node (ESM), everything included. Reports
 * minified and gzipped bytes and what takes the room.
 *
 *   pnpm --filter @weft/bench run bench:bundle
 */
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { benchDir, repoDir, writeResults } from './lib/results.js';
import { formatTable } from './lib/table.js';
import { ensureWeftBuild, type WeftBuild } from './lib/weft-build.js';

interface App {
  name: string;
  entry: string;
}

interface BundleResult {
  name: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Bytes in the output per package, largest first. */
  packages: { name: string; bytes: number }[];
}

/** Points `@weft/core` at a build outside the package (WEFT_CORE_DIST). */
function weftBuildPlugin(weft: WeftBuild): Plugin {
  return {
    name: 'weft-build',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^@weft\/core(\/openai)?$/ }, (args) => ({
        path: args.path === '@weft/core' ? weft.coreEntry : weft.openaiEntry,
      }));
    },
  };
}

/** The package an input file belongs to, for the "what takes the room" column. */
function packageOf(input: string, weft: WeftBuild): string {
  const absolute = join(repoDir, input);
  if (absolute.startsWith(weft.dir) || input.startsWith(relative(repoDir, weft.dir))) {
    return '@weft/core';
  }
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match?.[1]) return match[1];
  if (input.includes('bundle-apps/')) return '(the app)';
  return input;
}

function packagesIn(metafile: Metafile, weft: WeftBuild): BundleResult['packages'] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(input, weft);
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes]
    .map(([name, size]) => ({ name, bytes: size }))
    .sort((a, b) => b.bytes - a.bytes);
}

async function bundle(app: App, weft: WeftBuild): Promise<BundleResult> {
  const result = await build({
    entryPoints: [app.entry],
    absWorkingDir: repoDir,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: join(benchDir, 'results', 'bundle.tmp.js'),
    plugins: weft.isPackageDist ? [] : [weftBuildPlugin(weft)],
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!code) throw new Error(`esbuild produced no JavaScript for ${app.name}.`);
  const inputs = Object.keys(result.metafile.inputs);
  // The app must ship the built package, never the TypeScript sources.
  if (inputs.some((input) => input.includes('packages/core/src/'))) {
    throw new Error(`${app.name}: the bundle took @weft/core's sources instead of its build.`);
  }
  return {
    name: app.name,
    minifiedBytes: code.contents.byteLength,
    gzipBytes: gzipSync(code.contents).byteLength,
    packages: packagesIn(result.metafile, weft),
  };
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

async function main() {
  const weft = ensureWeftBuild();
  const apps: App[] = [
    {
      name: 'Weft: @weft/core + @weft/core/openai',
      entry: join(benchDir, 'bundle-apps', 'weft-app.ts'),
    },
    { name: 'AI SDK: ai + @ai-sdk/openai', entry: join(benchDir, 'bundle-apps', 'ai-sdk-app.ts') },
  ];
  const results: BundleResult[] = [];
  for (const app of apps) results.push(await bundle(app, weft));

  console.log('An app that streams a reply through the OpenAI provider, bundled with esbuild');
  console.log('(bundle, minify, platform node, format esm, all dependencies included):');
  console.log();
  console.log(
    formatTable(
      ['app', 'minified KB', 'gzip KB', 'largest parts (KB minified)'],
      results.map((result) => [
        result.name,
        kb(result.minifiedBytes),
        kb(result.gzipBytes),
        result.packages
          .slice(0, 4)
          .map((part) => `${part.name} ${kb(part.bytes)}`)
          .join(', '),
      ]),
    ),
  );
  const [weftApp, vercelApp] = results as [BundleResult, BundleResult];
  const ratio = weftApp.minifiedBytes / vercelApp.minifiedBytes;
  console.log();
  console.log(
    `Goal: Weft's bundle is smaller: ${kb(weftApp.minifiedBytes)} KB vs ` +
      `${kb(vercelApp.minifiedBytes)} KB minified (${ratio.toFixed(3)}x), ${ratio < 1 ? 'met' : 'MISSED'}`,
  );

  const file = writeResults('bundle-size', {
    settings: {
      bundler: 'esbuild',
      options: { bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20' },
      gzip: 'node:zlib gzipSync, default level',
      kilobyte: 1000,
      weftBuild: weft.isPackageDist ? 'packages/core/dist' : weft.dir,
    },
    apps: results,
    goal: { weftOverAiSdk: { goal: '< 1', value: Number(ratio.toFixed(4)) } },
  });
  console.log(`\nWrote ${file}`);
}

await main();
