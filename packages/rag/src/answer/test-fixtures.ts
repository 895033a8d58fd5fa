/** Documents, chunks and a scripted retriever shared by the answer tests (not exported). */
import { recursiveChunker } from '../chunkers/recursive-chunker.js';
import type { Chunk, Document, RetrieveOptions, Retriever, ScoredChunk } from '../types/index.js';

export const documents: Document[] = [
  {
    id: 'docs/bm25.md',
    text: 'BM25 ranks documents by term frequency and inverse document frequency. Its k1 parameter controls how fast term frequency saturates. The b parameter controls length normalization.',
    metadata: { source: 'docs/bm25.md', title: 'BM25' },
  },
  {
    id: 'docs/chunking.md',
    text: 'Chunkers 😀 split documents into pieces. Every chunk records its start and end offsets in the source text. Overlap is either guaranteed or reported with a warning.',
    metadata: { source: 'docs/chunking.md', title: 'Chunking' },
  },
  {
    id: 'docs/stores.md',
    text: 'The in-memory store keeps every vector in one contiguous Float32Array. Queries keep the best results in a top-k heap instead of sorting everything.',
    metadata: { source: 'docs/stores.md', title: 'Vector stores' },
  },
];

/** The document a chunk came from, to check offsets against its text. */
export function documentOf(chunk: { documentId: string }): Document {
  const document = documents.find((candidate) => candidate.id === chunk.documentId);
  if (!document) throw new Error(`no document ${chunk.documentId}`);
  return document;
}

/** Each document as one chunk (they are short), scored in the order given. */
export function wholeChunks(order: number[] = [0, 1, 2]): ScoredChunk[] {
  const chunker = recursiveChunker({ chunkSize: 1000, chunkOverlap: 0 });
  return order.map((index, rank) => ({
    chunk: chunker.chunk(documents[index] as Document)[0] as Chunk,
    score: 1 - rank * 0.1,
  }));
}

/** A retriever that returns `hits` (cut to topK) and records how it was called. */
export function scriptedRetriever(hits: ScoredChunk[]): Retriever & {
  calls: Array<{ query: string; options: RetrieveOptions | undefined }>;
} {
  const calls: Array<{ query: string; options: RetrieveOptions | undefined }> = [];
  return {
    calls,
    async retrieve(query, options) {
      calls.push({ query, options });
      return hits.slice(0, options?.topK ?? hits.length);
    },
  };
}
