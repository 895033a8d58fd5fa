import { describeVectorStore } from '../../conformance/index.js';
import { InMemoryVectorStore } from '../in-memory/in-memory-vector-store.js';
import { usearchHnsw } from './usearch-hnsw.js';

// The conformance suite checks exact answers. exactScanBelow: 0 sends every query through the
// graph path (graph search, key <-> row mapping through upserts, overwrites and deletes, exact
// rescoring, filters), and rescoreCandidates above the suite's largest collection (300
// records) asks the graph for every row, so the answer must come back exact: either the graph
// returned every row, or it missed some and the store fell back to a scan. How good the
// graph's proposals are with fewer candidates is measured by the recall test instead
// (usearch-hnsw.test.ts): an HNSW search may miss a neighbour, which this suite would
// (rightly) fail on.
const everyRow = 400;

describeVectorStore(
  'InMemoryVectorStore with usearchHnsw',
  () =>
    new InMemoryVectorStore({
      dimensions: 16,
      approximate: usearchHnsw(),
      exactScanBelow: 0,
      rescoreCandidates: everyRow,
    }),
);
describeVectorStore(
  'InMemoryVectorStore (int8) with usearchHnsw (i8 index, 64 dimensions)',
  () =>
    new InMemoryVectorStore({
      dimensions: 64,
      quantization: 'int8',
      rescoreCandidates: everyRow,
      approximate: usearchHnsw({ quantization: 'i8' }),
      exactScanBelow: 0,
    }),
  { seed: 5 },
);
