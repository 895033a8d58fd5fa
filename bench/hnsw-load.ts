/**
 * Loading a saved `InMemoryVectorStore` that has an HNSW graph (usearch): records only, with
 * the graph saved beside it (`<path>.hnsw`, loaded), and with the graph rebuilt from the
 * records (the `.hnsw` file moved away). Clustered vectors from bench/lib/hnsw-data.ts; after
 * the first load with the saved graph, 100 queries are checked against the original store.
 *
 *   pnpm --filter @weft/bench run bench:hnsw-load [--rows 100000] [--dims 128] [--runs 3]
 */
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InMemoryVectorStore } from '../packages/rag/src/stores/in-memory/index.js';
import { loadVectorStore, saveVectorStore } from '../packages/rag/src/stores/in-memory/persist.js';
import { usearchHnsw } from '../packages/rag/src/stores/usearch/index.js';
import { buildHnswData } from './lib/hnsw-data.js';
import { writeResults } from './lib/results.js';
import { median, round } from './lib/stats.js';
import { formatTable } from './lib/table.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    dims: { type: 'string', default: '128' },
    runs: { type: 'string', default: '3' },
  },
});
const rows = Number(args.rows);
const dimensions = Number(args.dims);
const runs = Number(args.runs);

const data = buildHnswData({ kind: 'clustered', rows, dimensions, queries: 100, seed: 42 });
const folder = await mkdtemp(join(tmpdir(), 'weft-hnsw-load-'));
const path = join(folder, 'store.weft');
const store = new InMemoryVectorStore({ dimensions, approximate: usearchHnsw() });
let started = performance.now();
for (let from = 0; from < rows; from += 10_000) {
  const batch = [];
  for (let row = from; row < Math.min(rows, from + 10_000); row++) {
    batch.push({
      id: `r${row}`,
      vector: data.matrix.subarray(row * dimensions, (row + 1) * dimensions),
    });
  }
  await store.upsert(batch);
}
const buildMs = performance.now() - started;
started = performance.now();
await saveVectorStore(store, path);
const saveMs = performance.now() - started;
const storeMB = (await stat(path)).size / 1e6;
const graphMB = (await stat(`${path}.hnsw`)).size / 1e6;

/** Loads and says how the graph came back ('none' without `approximate`). */
async function timedLoad(withGraph: boolean) {
  let graph = 'none';
  const loadStarted = performance.now();
  const loaded = await loadVectorStore(
    path,
    withGraph
      ? { approximate: usearchHnsw(), onApproximateIndex: (report) => (graph = report.graph) }
      : {},
  );
  return { loaded, ms: performance.now() - loadStarted, graph };
}

const samples = { records: [] as number[], loaded: [] as number[], rebuilt: [] as number[] };
let samePlaces = 0;
for (let run = 0; run < runs; run++) {
  const plain = await timedLoad(false);
  samples.records.push(plain.ms);
  await plain.loaded.close();

  const withSaved = await timedLoad(true);
  if (withSaved.graph !== 'loaded')
    throw new Error(`expected the saved graph, got ${withSaved.graph}`);
  samples.loaded.push(withSaved.ms);
  if (run === 0) {
    for (const vector of data.queries) {
      const before = (await store.query({ vector, topK: 10 })).map((hit) => hit.id);
      const after = (await withSaved.loaded.query({ vector, topK: 10 })).map((hit) => hit.id);
      samePlaces += before.filter((id, i) => after[i] === id).length;
    }
  }
  await withSaved.loaded.close();

  await rename(`${path}.hnsw`, `${path}.hnsw.away`);
  const rebuilt = await timedLoad(true);
  await rename(`${path}.hnsw.away`, `${path}.hnsw`);
  if (rebuilt.graph !== 'rebuilt') throw new Error(`expected a rebuild, got ${rebuilt.graph}`);
  samples.rebuilt.push(rebuilt.ms);
  await rebuilt.loaded.close();
}
await rm(folder, { recursive: true, force: true });

const rebuiltMs = median(samples.rebuilt);
const rowsOut = [
  ['records only (no approximate)', samples.records],
  ['records + saved graph (loaded)', samples.loaded],
  ['records, graph rebuilt', samples.rebuilt],
] as const;
console.log(
  `${rows.toLocaleString('en-US')} x ${dimensions} clustered vectors: built in ${(buildMs / 1000).toFixed(1)} s, saved in ${(saveMs / 1000).toFixed(2)} s (store ${storeMB.toFixed(1)} MB, graph ${graphMB.toFixed(1)} MB).\n`,
);
console.log(
  formatTable(
    ['load', 'median s', 'runs s', 'rebuilt / this'],
    rowsOut.map(([name, values]) => [
      name,
      (median(values) / 1000).toFixed(3),
      values.map((value) => (value / 1000).toFixed(2)).join(', '),
      `${(rebuiltMs / median(values)).toFixed(1)}x`,
    ]),
  ),
);
console.log(`\nTop-10 ids in the same places after loading the saved graph: ${samePlaces}/1000.`);
const file = writeResults('hnsw-load', {
  settings: { rows, dimensions, runs },
  buildMs: round(buildMs, 1),
  saveMs: round(saveMs, 1),
  storeMB: round(storeMB, 1),
  graphMB: round(graphMB, 1),
  medianMs: {
    records: round(median(samples.records), 1),
    loaded: round(median(samples.loaded), 1),
    rebuilt: round(rebuiltMs, 1),
  },
  samples,
  topTenSamePlaces: samePlaces,
});
console.log(`Results: ${file}`);
