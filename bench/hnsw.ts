/**
 * Approximate search: InMemoryVectorStore's exact WebAssembly SIMD scan against the same store
 * with `usearchHnsw()` (HNSW, usearch native library), on 200,000 x 384 unit vectors, top-10,
 * one query at a time. Two inputs: `random` directions (the worst case for a graph index) and
 * `clustered` (a mixture of Gaussians, closer to real embeddings). Every contender runs in its
 * own process on the same seeded input; records go in through upsert in batches, timed as the
 * build. Recall@10 is measured against the exact scan's answers.
 *
 *   pnpm --filter @weft/bench run bench:hnsw [--rows 200000] [--dims 384] [--queries 200] [--runs 3] [--data random,clustered] [--only exact,hnsw]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { HnswContender, HnswReply } from './lib/hnsw-worker.js';
import { writeResults } from './lib/results.js';
import { runWorker, tsxWorkerFlags } from './lib/run-worker.js';
import { median, round } from './lib/stats.js';
import { formatTable } from './lib/table.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    dims: { type: 'string', default: '384' },
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '20' },
    batch: { type: 'string', default: '10000' },
    data: { type: 'string', default: 'random,clustered' },
    only: { type: 'string' },
  },
});

const contenders: Array<{ key: HnswContender; label: string }> = [
  { key: 'exact', label: 'exact scan (WebAssembly SIMD)' },
  { key: 'hnsw', label: 'usearchHnsw() defaults (M 16, ef 128, f16)' },
  { key: 'hnsw-ef512', label: 'usearchHnsw({ expansionSearch: 512 })' },
  { key: 'hnsw-m32-ef512', label: 'usearchHnsw({ connectivity: 32, expansionSearch: 512 })' },
];
const selected = args.only
  ? contenders.filter((c) => args.only?.split(',').includes(c.key))
  : contenders;
if (!selected.some((c) => c.key === 'exact')) selected.unshift(contenders[0] as never);
const goals = { speedupOverExact: 10, recallAt10: 0.95 };

function hnswWorker(key: string, kind: string): Promise<HnswReply> {
  const entry = fileURLToPath(new URL('./lib/hnsw-worker.ts', import.meta.url));
  const argv = [key, kind, args.rows, args.dims, args.queries, args.seed, args.runs, args.warmup];
  return runWorker<HnswReply>(entry, [...argv, args.batch] as string[], {
    label: `${key} (${kind})`,
    execArgv: [...tsxWorkerFlags, '--max-old-space-size=8192'],
  });
}

function recall(results: number[][], truth: number[][]): number {
  let found = 0;
  let total = 0;
  results.forEach((hits, q) => {
    const wanted = new Set(truth[q]);
    total += wanted.size;
    found += hits.filter((row) => wanted.has(row)).length;
  });
  return found / total;
}

const datasets = (args.data ?? '').split(',').filter(Boolean);
const results: Array<{
  data: string;
  key: HnswContender;
  label: string;
  msPerQuery: number;
  queriesPerSecond: number;
  speedupOverExact: number;
  recallAt10: number;
  buildMs: number;
  rssMiB: number;
  runs: number[];
}> = [];
for (const kind of datasets) {
  const replies = new Map<string, HnswReply>();
  for (const contender of selected) {
    process.stderr.write(`running ${contender.key} on ${kind} data...\n`);
    replies.set(contender.key, await hnswWorker(contender.key, kind));
  }
  const exact = replies.get('exact') as HnswReply;
  const exactMs = median(exact.runs);
  for (const { key, label } of selected) {
    const reply = replies.get(key) as HnswReply;
    const ms = median(reply.runs);
    results.push({
      data: kind,
      key,
      label,
      msPerQuery: round(ms, 3),
      queriesPerSecond: round(1000 / ms, 1),
      speedupOverExact: round(exactMs / ms, 2),
      recallAt10: round(recall(reply.results, exact.results), 4),
      buildMs: round(reply.buildMs, 0),
      rssMiB: reply.rssMiB,
      runs: reply.runs.map((value) => round(value, 3)),
    });
  }
}

console.log(
  formatTable(
    ['data', 'contender', 'ms/query', 'x exact', 'recall@10', 'build s', 'RSS MiB'],
    results.map((row) => [
      row.data,
      row.label,
      row.msPerQuery.toFixed(3),
      row.speedupOverExact.toFixed(1),
      row.recallAt10.toFixed(4),
      (row.buildMs / 1000).toFixed(1),
      String(row.rssMiB),
    ]),
  ),
);
const verdict = Object.fromEntries(
  datasets.map((kind) => {
    const rows = results.filter((row) => row.data === kind && row.key !== 'exact');
    const meeting = rows.filter(
      (row) => row.speedupOverExact >= goals.speedupOverExact && row.recallAt10 >= goals.recallAt10,
    );
    return [kind, { meetsGoal: meeting.map((row) => row.key) }];
  }),
);
console.log(JSON.stringify(verdict));
if (!args.only) {
  const file = writeResults('hnsw', {
    settings: {
      rows: Number(args.rows),
      dimensions: Number(args.dims),
      queries: Number(args.queries),
      topK: 10,
      runs: Number(args.runs),
      warmup: Number(args.warmup),
      upsertBatch: Number(args.batch),
      seed: Number(args.seed),
      data: datasets,
    },
    goals,
    results,
    verdict,
  });
  console.log(`results: ${file}`);
}
