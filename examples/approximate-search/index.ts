/**
 * Approximate nearest-neighbour search: the same vectors in an `InMemoryVectorStore` that
 * scans every row and in one with an HNSW graph from usearch (`@weft/rag/usearch`, the
 * optional peer `usearch`). Prints how long each takes a query and how many of the exact
 * top 10 the graph finds (recall@10).
 *
 * The vectors are synthetic and clustered, as real embeddings are (HNSW's recall collapses
 * on uniformly random directions, which real embeddings are not).
 *
 *   pnpm --filter @weft/examples approximate-search [--count 50000] [--dims 256] [--queries 100]
 */
import { parseArgs } from 'node:util';
import { InMemoryVectorStore, type VectorRecord } from '@weft/rag';
import { usearchHnsw } from '@weft/rag/usearch';
import { reportError } from '../shared/report-error.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '50000' },
    dims: { type: 'string', default: '256' },
    queries: { type: 'string', default: '100' },
  },
});
const count = Number(values.count);
const dimensions = Number(values.dims);
const queries = Number(values.queries);
const topK = 10;

/** A small seeded generator (mulberry32), so every run sees the same vectors. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` vectors around `count / 50` random centres, each centre plus Gaussian noise. */
function clusteredVectors(total: number, next: () => number): Float32Array[] {
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const centres = Array.from({ length: Math.max(1, Math.round(total / 50)) }, () =>
    Float32Array.from({ length: dimensions }, gaussian),
  );
  return Array.from({ length: total }, () => {
    const centre = centres[Math.floor(next() * centres.length)] as Float32Array;
    return centre.map((value) => value + 0.5 * gaussian());
  });
}

async function timeQueries(store: InMemoryVectorStore, vectors: Float32Array[]) {
  const results: string[][] = [];
  const started = performance.now();
  for (const vector of vectors) {
    const hits = await store.query({ vector, topK });
    results.push(hits.map((hit) => hit.id));
  }
  return { results, msPerQuery: (performance.now() - started) / vectors.length };
}

async function main() {
  const next = random(42);
  const vectors = clusteredVectors(count + queries, next);
  const records: VectorRecord[] = vectors
    .slice(0, count)
    .map((vector, index) => ({ id: `v${index}`, vector }));
  const questions = vectors.slice(count);
  console.log(
    `${count.toLocaleString('en-US')} clustered vectors of ${dimensions} dimensions, ${queries} queries, top ${topK}.`,
  );

  const exact = new InMemoryVectorStore({ dimensions });
  const approximate = new InMemoryVectorStore({ dimensions, approximate: usearchHnsw() });
  let started = performance.now();
  for (let start = 0; start < count; start += 5000) {
    await exact.upsert(records.slice(start, start + 5000));
  }
  const exactBuild = performance.now() - started;
  started = performance.now();
  for (let start = 0; start < count; start += 5000) {
    await approximate.upsert(records.slice(start, start + 5000));
  }
  const graphBuild = performance.now() - started;

  const truth = await timeQueries(exact, questions);
  const graph = await timeQueries(approximate, questions);
  let found = 0;
  graph.results.forEach((ids, q) => {
    const wanted = new Set(truth.results[q]);
    for (const id of ids) if (wanted.has(id)) found++;
  });
  const recall = found / (queries * topK);
  console.log(
    `\nexact scan   build ${(exactBuild / 1000).toFixed(1)} s   ${truth.msPerQuery.toFixed(2)} ms/query`,
  );
  console.log(
    `HNSW graph   build ${(graphBuild / 1000).toFixed(1)} s   ${graph.msPerQuery.toFixed(2)} ms/query   recall@10 ${recall.toFixed(3)}`,
  );
  console.log(
    `\nThe graph answered ${(truth.msPerQuery / graph.msPerQuery).toFixed(1)}x faster and found ${(recall * 100).toFixed(1)}% of the exact top ${topK}.`,
  );
  if (count < 10_000) {
    console.log('(Below 10,000 records the store scans every row anyway: see exactScanBelow.)');
  }
  await Promise.all([exact.close(), approximate.close()]);
}

try {
  await main();
} catch (error) {
  reportError(error);
}
