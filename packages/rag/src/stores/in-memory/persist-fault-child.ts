// Test helper for persist.test.ts (not part of the library): builds a large store and saves
// it to the given path again and again, until the parent kills it.
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import { saveVectorStore } from './persist.js';

const [path, rowsArgument] = process.argv.slice(2) as [string, string];
const rows = Number(rowsArgument);
const dimensions = 256;
const store = new InMemoryVectorStore({ dimensions });
const vector = new Float32Array(dimensions);
const batch = [];
for (let row = 0; row < rows; row++) {
  for (let i = 0; i < dimensions; i++) vector[i] = Math.sin(row * 31 + i) + 1.5;
  batch.push({ id: `new-${row}`, vector: vector.slice(), text: 'new', metadata: { row } });
}
await store.upsert(batch);
process.send?.('ready');
for (;;) await saveVectorStore(store, path);
