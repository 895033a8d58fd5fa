/**
 * Cold import time: each sample is a fresh `node` process that imports the built packages
 * and exits. Reported two ways: the import alone, timed inside the process, and the whole
 * process's wall time less that of a process that imports nothing. Targets are measured in
 * interleaved rounds after a warm-up (which also fills the file cache), medians compared.
 *
 *   pnpm --filter @weft/bench run bench:import [--runs 15] [--warmup 2]
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDir, writeResults } from './lib/results.js';
import { round, summarize } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import { ensureWeftBuild } from './lib/weft-build.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '2' },
  },
});
const runs = Number(args.runs);
const warmupRounds = Number(args.warmup);

interface Target {
  name: string;
  specifiers: string[];
  /** Rows that give context; the comparison is Weft's app imports vs the AI SDK's. */
  reference?: boolean;
}

interface Sample {
  importMs: number;
  wallMs: number;
}

function measure(specifiers: readonly string[]): Sample {
  // The imports run one after the other, as an app's import statements would.
  const script = [
    'const started = performance.now();',
    ...specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`),
    'process.stdout.write(String(performance.now() - started));',
  ].join('\n');
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: benchDir,
    encoding: 'utf8',
    // A plain node: none of this process's loader flags (tsx) and no NODE_OPTIONS.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) {
    throw new Error(`Importing ${specifiers.join(' + ')} failed:\n${child.stderr}`);
  }
  return { importMs: specifiers.length === 0 ? 0 : Number(child.stdout), wallMs };
}

/** Where a bare specifier resolves from bench/, in a plain node process. */
function resolveFromBench(specifier: string): string {
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `process.stdout.write(import.meta.resolve(${JSON.stringify(specifier)}))`,
    ],
    { cwd: benchDir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return child.stdout;
}

function main() {
  const weft = ensureWeftBuild();
  // Bare specifiers resolve to packages/core/dist (no `@weft/source` condition in a plain
  // node); another build (WEFT_CORE_DIST) is imported by its file URL.
  let core = '@weft/core';
  let openai = '@weft/core/openai';
  if (weft.isPackageDist) {
    const resolved = resolveFromBench(core);
    if (resolved !== weft.coreUrl) throw new Error(`@weft/core resolves to ${resolved}, not dist.`);
  } else {
    core = weft.coreUrl;
    openai = weft.openaiUrl;
  }
  const targets: Target[] = [
    { name: 'node, importing nothing', specifiers: [], reference: true },
    { name: '@weft/core', specifiers: [core], reference: true },
    { name: '@weft/core/openai', specifiers: [openai], reference: true },
    { name: 'Weft app: @weft/core + @weft/core/openai', specifiers: [core, openai] },
    { name: 'ai', specifiers: ['ai'], reference: true },
    { name: '@ai-sdk/openai', specifiers: ['@ai-sdk/openai'], reference: true },
    { name: 'AI SDK app: ai + @ai-sdk/openai', specifiers: ['ai', '@ai-sdk/openai'] },
    { name: 'openai (the vendor SDK)', specifiers: ['openai'], reference: true },
  ];

  console.log(
    `Cold import in fresh node ${process.version} processes: ${warmupRounds} warm-up + ` +
      `${runs} measured rounds, median.`,
  );
  const samples = new Map<string, Sample[]>(targets.map((target) => [target.name, []]));
  for (let round = -warmupRounds; round < runs; round++) {
    for (const target of targets) {
      const sample = measure(target.specifiers);
      if (round >= 0) samples.get(target.name)?.push(sample);
    }
  }

  const stats = targets.map((target) => {
    const list = samples.get(target.name) ?? [];
    return {
      target,
      importMs: summarize(list.map((sample) => sample.importMs)),
      wallMs: summarize(list.map((sample) => sample.wallMs)),
    };
  });
  const emptyWall = stats[0]?.wallMs.median ?? 0;
  console.log();
  console.log(
    formatTable(
      ['imports', 'import ms', 'IQR ms', 'process ms', 'process - empty ms'],
      stats.map(({ target, importMs, wallMs }) => [
        target.name,
        target.specifiers.length === 0 ? '-' : importMs.median.toFixed(1),
        target.specifiers.length === 0
          ? '-'
          : `${importMs.q1.toFixed(1)}-${importMs.q3.toFixed(1)}`,
        wallMs.median.toFixed(1),
        target.specifiers.length === 0 ? '-' : (wallMs.median - emptyWall).toFixed(1),
      ]),
    ),
  );

  const app = (name: string) => stats.find((entry) => entry.target.name.startsWith(name));
  const weftApp = app('Weft app') as (typeof stats)[number];
  const vercelApp = app('AI SDK app') as (typeof stats)[number];
  const ratio = weftApp.importMs.median / vercelApp.importMs.median;
  console.log();
  console.log(
    `Goal: Weft's imports load faster than ai + @ai-sdk/openai: ` +
      `${weftApp.importMs.median.toFixed(1)} ms vs ${vercelApp.importMs.median.toFixed(1)} ms ` +
      `(${ratio.toFixed(2)}x), ${ratio < 1 ? 'met' : 'MISSED'}`,
  );

  const file = writeResults('import-time', {
    settings: {
      warmupRounds,
      runs,
      method:
        'fresh `node --input-type=module -e` per sample, cwd bench/; importMs is timed inside ' +
        'the process around the imports; wallMs is the whole process, spawn to exit',
      weftBuild: weft.isPackageDist ? 'packages/core/dist' : weft.dir,
    },
    targets: stats.map(({ target, importMs, wallMs }) => ({
      name: target.name,
      specifiers: target.specifiers.map((specifier) =>
        specifier.replace(pathToFileURL(weft.dir).href, '<build>'),
      ),
      reference: target.reference ?? false,
      importMedianMs: round(importMs.median),
      importQ1Ms: round(importMs.q1),
      importQ3Ms: round(importMs.q3),
      processMedianMs: round(wallMs.median),
      processMinusEmptyMs: round(wallMs.median - emptyWall),
      importSamplesMs: importMs.samples.map((sample) => round(sample)),
    })),
    goal: {
      weftAppOverAiSdkApp: { goal: '< 1', value: round(ratio, 3) },
    },
  });
  console.log(`\nWrote ${file}`);
}

main();
