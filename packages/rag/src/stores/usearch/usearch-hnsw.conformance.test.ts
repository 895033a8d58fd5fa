import { describeVectorStore } from '../../conformance/index.js';
import { InMemoryVectorStore } from '../in-memory/in-memory-vector-store.js';
import { usearchHnsw } from './usearch-hnsw.js';

// exactScanBelow: 0 sends every query through the graph, even at conformance sizes (up to 300
// records), where the default expansion already finds the exact top-k.
describeVectorStore(
  'InMemoryVectorStore with usearchHnsw',
  () => new InMemoryVectorStore({ dimensions: 16, approximate: usearchHnsw(), exactScanBelow: 0 }),
);
describeVectorStore(
  'InMemoryVectorStore (int8) with usearchHnsw (i8 index, 64 dimensions)',
  () =>
    new InMemoryVectorStore({
      dimensions: 64,
      quantization: 'int8',
      rescoreCandidates: 200,
      approximate: usearchHnsw({ quantization: 'i8' }),
      exactScanBelow: 0,
    }),
  { seed: 5 },
);
