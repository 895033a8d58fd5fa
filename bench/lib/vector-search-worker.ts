/**
 * Runs one vector-search contender in its own process: builds the shared input, loads it into
 * the contender, warms up, then times every query one at a time for several runs, and sends
 * back the per-run timings and the top-10 row indices of every query.
 *
 *   tsx --conditions=@weft/source lib/vector-search-worker.ts <contender> <rows> <dims> <queries> <seed> <runs> <warmup>
 */
import { performance } from 'node:perf_hooks';
import { timeQueries } from './time-queries.js';
import { buildVectorSearchData } from './vector-search-data.js';

export interface VectorSearchReply {
  contender: string;
  buildMs: number;
  /** Milliseconds per query, one value per run (each run times every query). */
  runs: number[];
  /** Top-10 row indices of each query, best first (empty for reference-only contenders). */
  results: number[][];
  note?: string;
}

const [contender, rowsArg, dimsArg, queriesArg, seedArg, runsArg, warmupArg] =
  process.argv.slice(2);
const data = buildVectorSearchData({
  rows: Number(rowsArg),
  dimensions: Number(dimsArg),
  queries: Number(queriesArg),
  seed: Number(seedArg),
});
const runs = Number(runsArg);
const warmup = Number(warmupArg);
const topK = 10;

type Search = (query: Float32Array) => Promise<number[]> | number[];

async function prepare(): Promise<{ search: Search; note?: string }> {
  const { rows, dimensions, matrix } = data;
  switch (contender) {
    case 'langchain': {
      const { MemoryVectorStore } = await import('@langchain/classic/vectorstores/memory');
      const { Document } = await import('@langchain/core/documents');
      const unused = async (): Promise<never> => {
        throw new Error('the benchmark passes vectors, never text');
      };
      const store = new MemoryVectorStore({ embedQuery: unused, embedDocuments: unused } as never);
      const vectors: number[][] = [];
      const documents = [];
      for (let row = 0; row < rows; row++) {
        vectors.push(Array.from(matrix.subarray(row * dimensions, (row + 1) * dimensions)));
        documents.push(new Document({ pageContent: '', metadata: { row } }));
      }
      await store.addVectors(vectors, documents);
      return {
        search: async (query) => {
          const hits = await store.similaritySearchVectorWithScore(Array.from(query), topK);
          return hits.map(([document]) => document.metadata.row as number);
        },
      };
    }
    case 'js-loop': {
      // The plain reference: a Float32Array dot-product loop and a sort of the 10 best.
      return {
        search: (query) => {
          const best: Array<[number, number]> = [];
          for (let row = 0; row < rows; row++) {
            let sum = 0;
            const offset = row * dimensions;
            for (let i = 0; i < dimensions; i++)
              sum += (matrix[offset + i] as number) * (query[i] as number);
            if (best.length < topK || sum > (best[best.length - 1] as [number, number])[0]) {
              best.push([sum, row]);
              best.sort((a, b) => b[0] - a[0]);
              if (best.length > topK) best.pop();
            }
          }
          return best.map(([, row]) => row);
        },
      };
    }
    case 'weft-exact':
    case 'weft-int8':
    case 'weft-exact-js': {
      const { InMemoryVectorStore, javascriptKernel } = await import(
        '../../packages/rag/src/stores/in-memory/index.js'
      );
      const store = new InMemoryVectorStore({
        dimensions,
        quantization: contender === 'weft-int8' ? 'int8' : 'none',
        ...(contender === 'weft-exact-js' ? { kernel: javascriptKernel } : {}),
      });
      const records = [];
      for (let row = 0; row < rows; row++) {
        records.push({
          id: String(row),
          vector: matrix.subarray(row * dimensions, (row + 1) * dimensions),
        });
      }
      await store.upsert(records);
      return {
        search: async (query) =>
          (await store.query({ vector: query, topK })).map((hit) => Number(hit.id)),
      };
    }
    case 'read-js': {
      return {
        note: 'one pass summing the float32 matrix in plain JavaScript',
        search: () => {
          let sum = 0;
          for (let i = 0; i < matrix.length; i++) sum += matrix[i] as number;
          return sum > 1e30 ? [0] : [];
        },
      };
    }
    case 'read-wasm-simd': {
      const { createMemoryReader } = await import(
        '../../packages/rag/src/stores/in-memory/wasm-simd-kernel.js'
      );
      const reader = createMemoryReader(matrix.byteLength);
      if (!reader) throw new Error('WebAssembly SIMD is not available');
      reader.fill(new Uint8Array(matrix.buffer));
      return {
        note: 'one pass summing the float32 matrix with WebAssembly f32x4 adds (4 accumulators)',
        search: () => (reader.read() > 1e30 ? [0] : []),
      };
    }
    default:
      throw new Error(`unknown contender ${contender}`);
  }
}

const buildStart = performance.now();
const { search, note } = await prepare();
const buildMs = performance.now() - buildStart;
const { runs: timings, results } = await timeQueries(search, data.queries, { warmup, runs });
const reply: VectorSearchReply = {
  contender: contender as string,
  buildMs,
  runs: timings,
  results,
  note,
};
process.send?.(reply);
