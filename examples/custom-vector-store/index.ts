/**
 * A vector-store adapter of your own: `MapVectorStore` (map-vector-store.ts) implements the
 * `VectorStore` contract in ~150 lines and passes the conformance suite that every Weft store
 * runs (map-vector-store.test.ts). This script uses it like any store: upsert, query with a
 * filter, count, delete, and a refused bad record.
 *
 *   pnpm --filter @weft/examples custom-vector-store
 */
import { ValidationError } from '@weft/core';
import { MapVectorStore } from './map-vector-store.js';

// Three-dimensional "embeddings" written by hand, one axis per topic (search, storage,
// chunking), so that the example runs offline and its scores are easy to follow.
const store = new MapVectorStore({ dimensions: 3 });
await store.upsert([
  {
    id: 'bm25',
    vector: new Float32Array([0.9, 0.1, 0.1]),
    text: 'BM25 ranks documents by term frequency.',
    metadata: { source: 'docs/bm25.md', year: 2024 },
  },
  {
    id: 'heap',
    vector: new Float32Array([0.3, 0.9, 0.0]),
    text: 'Queries keep the best hits in a top-k heap.',
    metadata: { source: 'docs/stores.md', year: 2025 },
  },
  {
    id: 'offsets',
    vector: new Float32Array([0.1, 0.2, 0.9]),
    text: 'Every chunk records its exact offsets.',
    metadata: { source: 'docs/chunking.md', year: 2025 },
  },
]);

const question = new Float32Array([0.8, 0.5, 0.1]); // mostly "search", some "storage"
console.log(`Records: ${await store.count()}`);
console.log('Nearest to the query:');
for (const hit of await store.query({ vector: question, topK: 2 })) {
  console.log(`  ${hit.score.toFixed(3)}  ${hit.id}  ${hit.text}`);
}
console.log('Nearest from 2025 only (filter { year: { $gte: 2025 } }):');
for (const hit of await store.query({
  vector: question,
  topK: 2,
  filter: { year: { $gte: 2025 } },
})) {
  console.log(`  ${hit.score.toFixed(3)}  ${hit.id}  ${hit.metadata?.source}`);
}

try {
  await store.upsert([{ id: 'bad', vector: new Float32Array([1, 0]) }]);
} catch (error) {
  if (!ValidationError.isInstance(error)) throw error;
  console.log(`Refused: ${error.message}`);
}

console.log(
  `Deleted ${await store.delete({ filter: { source: 'docs/bm25.md' } })}; records left: ${await store.count()}`,
);
await store.close();
