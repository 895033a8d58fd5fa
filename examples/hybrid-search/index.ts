/**
 * Vector search, keyword search (BM25) and their fusion, side by side on a few passages.
 *
 *   pnpm --filter @weft/examples hybrid-search
 *   pnpm --filter @weft/examples hybrid-search "your own question"
 *
 * With OPENAI_API_KEY (or WEFT_BASE_URL + WEFT_EMBEDDING_MODEL) the passages are embedded by
 * that model; with neither, by a small offline hashing embedder written for this example.
 */
import { type EmbeddingModel, embedMany } from '@weft/core';
import {
  BM25Index,
  type Chunk,
  chunkToRecord,
  hybridRetriever,
  InMemoryVectorStore,
  keywordRetriever,
  type Retriever,
  recursiveChunker,
  type ScoredChunk,
  vectorRetriever,
} from '@weft/rag';
import { embeddingModelFromEnv } from '../embeddings/pick-embedding-model.js';
import { reportError } from '../shared/report-error.js';
import { hashingEmbedder } from './hashing-embedder.js';

const passages: Record<string, string> = {
  'cats-purr': 'Cats purr when they are content, and sometimes when they are anxious or hurt.',
  'cats-tail': 'A cat holding its tail straight up is greeting you; a puffed tail means fear.',
  'dog-joy': 'A dog shows happiness by wagging its tail loosely and relaxing its mouth.',
  'error-e1042':
    'Upload fails with E1042 when the file is larger than the 25 MB limit of the free plan.',
  'upload-limits': 'Uploads over the size limit are rejected; paid plans allow files up to 2 GB.',
  'retry-network': 'Network errors during an upload are retried three times with backoff.',
  'hnsw-index': 'An HNSW index answers nearest-neighbour queries approximately but very fast.',
  'bm25-ranking': 'BM25 ranks documents by term frequency, inverse document frequency and length.',
};

const defaultQueries = ['how do cats show they are happy', 'error E1042 on upload'];

async function chooseEmbedder(): Promise<EmbeddingModel> {
  const configured = await embeddingModelFromEnv();
  if (configured) return configured;
  console.error(
    'Embeddings: an offline hashing embedder (no provider configured). Set OPENAI_API_KEY for real embeddings.',
  );
  return hashingEmbedder();
}

/** One column per retriever: rank, passage id and score, padded to a fixed width. */
function printSideBySide(columns: Array<{ title: string; results: ScoredChunk[] }>, rows: number) {
  const width = 30;
  const cell = (text: string) =>
    text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
  console.log(columns.map((column) => cell(column.title)).join(' | '));
  console.log(columns.map(() => '-'.repeat(width)).join('-+-'));
  for (let rank = 0; rank < rows; rank++) {
    const line = columns.map(({ results }) => {
      const hit = results[rank];
      return cell(hit ? `${rank + 1}. ${hit.chunk.documentId} (${hit.score.toFixed(3)})` : '');
    });
    console.log(line.join(' | '));
  }
}

try {
  const embeddingModel = await chooseEmbedder();
  const chunker = recursiveChunker({ chunkSize: 400, chunkOverlap: 0 });
  const chunks: Chunk[] = Object.entries(passages).flatMap(([id, text]) =>
    chunker.chunk({ id, text, metadata: { source: `${id}.txt` } }),
  );

  const { embeddings } = await embedMany({
    model: embeddingModel,
    values: chunks.map((chunk) => chunk.text),
  });
  const store = new InMemoryVectorStore({ dimensions: embeddings[0]?.length ?? 1 });
  await store.upsert(chunks.map((chunk, i) => chunkToRecord(chunk, embeddings[i] as Float32Array)));
  const index = new BM25Index({ stopWords: true, stemming: true });
  index.add(chunks.map(({ id, text }) => ({ id, text })));

  const vector = vectorRetriever({ store, embeddingModel });
  const keyword = keywordRetriever({ index, chunks: store });
  const hybrid = hybridRetriever({ retrievers: { vector, keyword } });
  const retrievers: Array<[string, Retriever]> = [
    ['vector', vector],
    ['keyword (BM25)', keyword],
    ['hybrid (RRF)', hybrid],
  ];

  const queries = process.argv.slice(2).length ? [process.argv.slice(2).join(' ')] : defaultQueries;
  console.log(
    `${chunks.length} passages indexed (${embeddingModel.provider}/${embeddingModel.modelId}).`,
  );
  for (const query of queries) {
    console.log(`\nQuery: ${query}\n`);
    const columns = await Promise.all(
      retrievers.map(async ([title, retriever]) => ({
        title,
        results: await retriever.retrieve(query, { topK: 3 }),
      })),
    );
    printSideBySide(columns, 3);
    const best = columns[2]?.results[0];
    if (best) console.log(`\nBest hybrid match: "${best.chunk.text}"`);
  }
} catch (error) {
  reportError(error);
}
