// Test helper for persist.test.ts and usearch-hnsw-persist.test.ts (not part of the library):
// builds a large store (with an HNSW graph when the third argument is `hnsw`) and saves it to
// the given path again and again, until the parent kills it.
import { usearchHnsw } from '../usearch/usearch-hnsw.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import { saveVectorStore } from './persist.js';

const [path, rowsArgument, graph] = process.argv.slice(2) as [string, string, string?];
const rows = Number(rowsArgument);
const dimensions = 256;
const store = new InMemoryVectorStore({
  dimensions,
  approximate: graph === 'hnsw' ? usearchHnsw() : undefined,
});
const vector = new Float32Array(dimensions);
const batch = [];
for (let row = 0; row < rows; row++) {
  for (let i = 0; i < dimensions; i++) vector[i] = Math.sin(row * 31 + i) + 1.5;
  batch.push({ id: `new-${row}`, vector: vector.slice(), text: 'new', metadata: { row } });
}
await store.upsert(batch);
process.send?.('ready');
for (;;) await saveVectorStore(store, path);
