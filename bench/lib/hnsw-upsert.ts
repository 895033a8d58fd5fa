/**
 * How fast InMemoryVectorStore.upsert takes records: 20,000 x 384 random vectors (not unit
 * length, so normalizing is real work) in batches of 512, into a fresh store each run; the
 * median of several runs is reported. `--source` points at another copy of the in-memory
 * store (e.g. the previous commit extracted to a temporary folder) to compare in one run.
 *
 *   tsx --conditions=@weft/source lib/hnsw-upsert.ts [--rows 20000] [--dims 384] [--batch 512] [--runs 7] [--source <dir>]
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median, round } from './stats.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    dims: { type: 'string', default: '384' },
    batch: { type: 'string', default: '512' },
    runs: { type: 'string', default: '7' },
    source: { type: 'string' },
  },
});
const rows = Number(args.rows);
const dimensions = Number(args.dims);
const batchSize = Number(args.batch);

interface StoreLike {
  upsert(records: Array<{ id: string; vector: Float32Array }>): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}
type StoreClass = new (options: { dimensions: number }) => StoreLike;

const url = args.source
  ? pathToFileURL(`${args.source}/index.ts`).href
  : new URL('../../packages/rag/src/stores/in-memory/index.js', import.meta.url).href;
const { InMemoryVectorStore } = (await import(url)) as { InMemoryVectorStore: StoreClass };

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 4294967296;
};
const batches: Array<Array<{ id: string; vector: Float32Array }>> = [];
for (let start = 0; start < rows; start += batchSize) {
  const batch = [];
  for (let row = start; row < Math.min(rows, start + batchSize); row++) {
    const vector = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i++) vector[i] = random() * 4 - 2;
    batch.push({ id: `doc-${row}`, vector });
  }
  batches.push(batch);
}

const timings: number[] = [];
for (let run = 0; run < Number(args.runs) + 1; run++) {
  const store = new InMemoryVectorStore({ dimensions });
  const start = performance.now();
  for (const batch of batches) await store.upsert(batch);
  const elapsed = performance.now() - start;
  if ((await store.count()) !== rows) throw new Error('the store lost records');
  await store.close();
  if (run > 0) timings.push(elapsed); // the first run warms the JIT up
}
const ms = median(timings);
console.log(
  JSON.stringify({
    source: args.source ?? 'working tree',
    rows,
    dimensions,
    batchSize,
    medianMs: round(ms, 1),
    recordsPerSecond: round(rows / (ms / 1000), 0),
    runsMs: timings.map((value) => round(value, 1)),
  }),
);
