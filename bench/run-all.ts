/**
 * Runs the core benchmarks and the self-contained RAG ones (chunking, ingestion), each in its
 * own process, against the built @weft/core (built
 * first if missing or stale), then prints one summary from bench/results/*.json.
 *
 *   pnpm --filter @weft/bench run bench     (or `pnpm bench` at the repository root)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchDir, machineInfo, readResults } from './lib/results.js';
import { formatTable } from './lib/table.js';
import { ensureWeftBuild } from './lib/weft-build.js';

interface GoalValue {
  goal: string;
  value: number;
}

ensureWeftBuild();
for (const script of [
  'streaming.ts',
  'import-time.ts',
  'bundle-size.ts',
  'tokens.ts',
  'embeddings.ts',
  'chunking.ts',
  'ingest.ts',
]) {
  console.log(`\n=== ${script}\n`);
  // Same node, same tsx loader as this process.
  const child = spawnSync(process.execPath, [...process.execArgv, join(benchDir, script)], {
    stdio: 'inherit',
    cwd: benchDir,
  });
  if (child.status !== 0) {
    console.error(`${script} failed (exit ${child.status}).`);
    process.exit(child.status ?? 1);
  }
}

const streaming = readResults('streaming') as
  | {
      contenders: { key: string; name: string; medianMs: number; ratioToRaw: number }[];
      goals: Record<string, GoalValue>;
    }
  | undefined;
const imports = readResults('import-time') as
  | {
      targets: { name: string; importMedianMs: number; reference: boolean }[];
      goal: Record<string, GoalValue>;
    }
  | undefined;
const bundles = readResults('bundle-size') as
  | {
      apps: { name: string; minifiedBytes: number; gzipBytes: number }[];
      goal: Record<string, GoalValue>;
    }
  | undefined;

const embeddings = readResults('embeddings') as { goals: Record<string, GoalValue> } | undefined;
const chunking = readResults('chunking') as { weftOverLangChain: number } | undefined;
const ingest = readResults('ingest') as { goals: Record<string, GoalValue> } | undefined;

const machine = machineInfo();
console.log(`\n=== Summary (node ${machine.node}, ${machine.cores} cores, ${machine.cpuModel})\n`);
const rows: string[][] = [];
for (const contender of streaming?.contenders.filter((c) => c.key.length === 1) ?? []) {
  rows.push([
    `stream 20k chunks: (${contender.key}) ${contender.name}`,
    `${contender.medianMs.toFixed(1)} ms`,
    `${contender.ratioToRaw.toFixed(2)}x (a)`,
  ]);
}
for (const target of imports?.targets.filter((t) => !t.reference) ?? []) {
  rows.push([`cold import: ${target.name}`, `${target.importMedianMs.toFixed(1)} ms`, '']);
}
for (const app of bundles?.apps ?? []) {
  rows.push([
    `bundle: ${app.name}`,
    `${(app.minifiedBytes / 1000).toFixed(1)} KB`,
    `${(app.gzipBytes / 1000).toFixed(1)} KB gzip`,
  ]);
}
console.log(formatTable(['measure', 'value', ''], rows));

const goals: Record<string, GoalValue> = {
  ...streaming?.goals,
  ...imports?.goal,
  ...bundles?.goal,
  ...embeddings?.goals,
  ...ingest?.goals,
};
if (chunking) {
  goals.recursiveChunkerOverLangChain = { goal: '>= 10', value: chunking.weftOverLangChain };
}
// Only goals stated as a comparison with a number are judged here.
for (const [name, { goal }] of Object.entries(goals)) {
  if (!/^(<|<=|>=) -?\d/.test(goal)) delete goals[name];
}
console.log();
console.log(
  formatTable(
    ['goal (ratio)', 'wanted', 'measured', ''],
    Object.entries(goals).map(([name, { goal, value }]) => {
      const [operator, limit] = goal.split(' ') as [string, string];
      const met =
        operator === '<'
          ? value < Number(limit)
          : operator === '<='
            ? value <= Number(limit)
            : value >= Number(limit);
      return [name, goal, String(value), met ? 'met' : 'MISSED'];
    }),
  ),
);
