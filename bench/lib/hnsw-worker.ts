/**
 * Runs one HNSW-benchmark contender in its own process: builds the shared input, upserts it
 * in batches (timed: for the HNSW contenders this includes building the graph), warms up,
 * times every query one at a time for several runs, and sends back the timings and the
 * top-10 row indices of every query.
 *
 *   tsx --conditions=@weft/source lib/hnsw-worker.ts <contender> <data> <rows> <dims> <queries> <seed> <runs> <warmup> <batch>
 */
import { performance } from 'node:perf_hooks';
import { InMemoryVectorStore } from '../../packages/rag/src/stores/in-memory/index.js';
import { usearchHnsw } from '../../packages/rag/src/stores/usearch/index.js';
import { buildHnswData, type HnswDataKind } from './hnsw-data.js';
import { timeQueries } from './time-queries.js';

export interface HnswReply {
  contender: string;
  buildMs: number;
  /** Milliseconds per query, one value per run (each run times every query). */
  runs: number[];
  /** Top-10 row indices of each query, best first. */
  results: number[][];
  /** The process's resident memory after the build, MiB. */
  rssMiB: number;
}

/** The contenders this worker knows; the labels live in bench/hnsw.ts. */
export type HnswContender = 'exact' | 'hnsw' | 'hnsw-ef512' | 'hnsw-m32-ef512';

const [contender, kind, rowsArg, dimsArg, queriesArg, seedArg, runsArg, warmupArg, batchArg] =
  process.argv.slice(2);
const data = buildHnswData({
  kind: kind as HnswDataKind,
  rows: Number(rowsArg),
  dimensions: Number(dimsArg),
  queries: Number(queriesArg),
  seed: Number(seedArg),
});
const { rows, dimensions, matrix } = data;
const approximate = {
  exact: undefined,
  hnsw: usearchHnsw(),
  'hnsw-ef512': usearchHnsw({ expansionSearch: 512 }),
  'hnsw-m32-ef512': usearchHnsw({ connectivity: 32, expansionSearch: 512 }),
}[contender as HnswContender];
const store = new InMemoryVectorStore({ dimensions, approximate });
const batch = Number(batchArg);
const buildStart = performance.now();
for (let start = 0; start < rows; start += batch) {
  const records = [];
  for (let row = start; row < Math.min(rows, start + batch); row++) {
    records.push({
      id: String(row),
      vector: matrix.subarray(row * dimensions, (row + 1) * dimensions),
    });
  }
  await store.upsert(records);
}
const buildMs = performance.now() - buildStart;
const search = async (query: Float32Array) =>
  (await store.query({ vector: query, topK: 10 })).map((hit) => Number(hit.id));
const { runs: timings, results } = await timeQueries(search, data.queries, {
  warmup: Number(warmupArg),
  runs: Number(runsArg),
});
const reply: HnswReply = {
  contender: contender as string,
  buildMs,
  runs: timings,
  results,
  rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
};
process.send?.(reply);
