/**
 * In-memory vector search: 20,000 x 1,536 random unit vectors (seeded), top-10, one query at
 * a time. Every contender runs in its own process on the same input; after a warm-up, each
 * times all queries in several runs and the median ms/query is reported. Exact contenders
 * must return the same top-10 sets as the plain loop; int8's recall@10 is measured against it.
 * Two "physical limit" rows time one read of the whole float32 matrix.
 *
 *   pnpm --filter @weft/bench run bench:vector-search [--rows 20000] [--dims 1536] [--queries 100] [--runs 5]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeResults } from './lib/results.js';
import { runWorker, tsxWorkerFlags } from './lib/run-worker.js';
import { median, round } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import type { VectorSearchReply } from './lib/vector-search-worker.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    dims: { type: 'string', default: '1536' },
    queries: { type: 'string', default: '100' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});

const contenders: Array<{ key: string; label: string }> = [
  { key: 'langchain', label: 'LangChain MemoryVectorStore (similaritySearchVectorWithScore)' },
  { key: 'js-loop', label: 'plain JS Float32Array loop (reference)' },
  { key: 'weft-exact-js', label: 'Weft InMemoryVectorStore exact, JavaScript kernel' },
  { key: 'weft-exact', label: 'Weft InMemoryVectorStore exact (WebAssembly SIMD)' },
  {
    key: 'weft-int8',
    label: "Weft InMemoryVectorStore quantization: 'int8' (SIMD + exact rescoring)",
  },
  { key: 'read-js', label: 'limit: read the matrix once, plain JS sum' },
  { key: 'read-wasm-simd', label: 'limit: read the matrix once, WebAssembly SIMD sum' },
];
const selected = args.only
  ? contenders.filter((c) => args.only?.split(',').includes(c.key))
  : contenders;
const goals = {
  exactOverLangChain: 4,
  int8OverLangChain: 15,
  int8Recall: 0.99,
  exactOverLimit: 1.5,
};

function searchWorker(key: string): Promise<VectorSearchReply> {
  const entry = fileURLToPath(new URL('./lib/vector-search-worker.ts', import.meta.url));
  const argv = [key, args.rows, args.dims, args.queries, args.seed, args.runs, args.warmup];
  return runWorker<VectorSearchReply>(entry, argv as string[], {
    label: key,
    execArgv: [...tsxWorkerFlags, '--max-old-space-size=4096'],
  });
}

const replies = new Map<string, VectorSearchReply>();
for (const contender of selected) {
  process.stderr.write(`running ${contender.key}...\n`);
  replies.set(contender.key, await searchWorker(contender.key));
}

const reference = replies.get('js-loop')?.results;
function overlap(results: number[][]): number {
  if (!reference) return Number.NaN;
  let found = 0;
  let total = 0;
  results.forEach((hits, q) => {
    const truth = new Set(reference[q]);
    total += truth.size;
    found += hits.filter((row) => truth.has(row)).length;
  });
  return found / total;
}

const langchainMs = replies.has('langchain')
  ? median(replies.get('langchain')?.runs ?? [])
  : Number.NaN;
const limitMs = replies.has('read-wasm-simd')
  ? median(replies.get('read-wasm-simd')?.runs ?? [])
  : Number.NaN;
const bytes = Number(args.rows) * Number(args.dims) * 4;
const rows = selected.map(({ key, label }) => {
  const reply = replies.get(key) as VectorSearchReply;
  const ms = median(reply.runs);
  const isSearch = !key.startsWith('read-');
  return {
    key,
    label,
    msPerQuery: round(ms, 3),
    queriesPerSecond: round(1000 / ms, 1),
    speedupOverLangChain: round(langchainMs / ms, 2),
    overLimit: round(ms / limitMs, 2),
    gigabytesPerSecond: key.startsWith('read-') ? round(bytes / (ms / 1000) / 1e9, 2) : undefined,
    recallAt10: isSearch ? round(overlap(reply.results), 4) : undefined,
    buildMs: round(reply.buildMs, 0),
    runs: reply.runs.map((value) => round(value, 3)),
    note: reply.note,
  };
});

console.log(
  formatTable(
    ['contender', 'ms/query', 'queries/s', 'x LangChain', 'x limit', 'recall@10', 'build ms'],
    rows.map((row) => [
      row.label,
      row.msPerQuery.toFixed(2),
      row.queriesPerSecond.toFixed(1),
      Number.isFinite(row.speedupOverLangChain) ? row.speedupOverLangChain.toFixed(2) : '-',
      Number.isFinite(row.overLimit) ? row.overLimit.toFixed(2) : '-',
      row.recallAt10 === undefined ? '-' : row.recallAt10.toFixed(4),
      String(row.buildMs),
    ]),
  ),
);
const exact = rows.find((row) => row.key === 'weft-exact');
const int8 = rows.find((row) => row.key === 'weft-int8');
const verdict = {
  exactOverLangChain: exact?.speedupOverLangChain,
  exactMeetsGoal: (exact?.speedupOverLangChain ?? 0) >= goals.exactOverLangChain,
  exactOverLimit: exact?.overLimit,
  int8OverLangChain: int8?.speedupOverLangChain,
  int8Recall: int8?.recallAt10,
  int8MeetsGoal:
    (int8?.speedupOverLangChain ?? 0) >= goals.int8OverLangChain &&
    (int8?.recallAt10 ?? 0) >= goals.int8Recall,
  exactResultsEqual: rows
    .filter((row) => ['langchain', 'weft-exact', 'weft-exact-js'].includes(row.key))
    .every((row) => row.recallAt10 === 1),
};
console.log(JSON.stringify(verdict));
if (!args.only) {
  const file = writeResults('vector-search', {
    settings: {
      rows: Number(args.rows),
      dimensions: Number(args.dims),
      queries: Number(args.queries),
      topK: 10,
      runs: Number(args.runs),
      warmup: Number(args.warmup),
      seed: Number(args.seed),
    },
    goals,
    results: rows,
    verdict,
  });
  console.log(`results: ${file}`);
}
