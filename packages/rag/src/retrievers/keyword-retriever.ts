import { ValidationError } from '@weft/core';
import type { BM25Index } from '../bm25/index.js';
import { recordToChunk } from '../chunk-records/index.js';
import { compileFilter } from '../filters/index.js';
import type { Chunk, Retriever, ScoredChunk, VectorStore } from '../types/index.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  requireMethod,
} from './retrieve-options.js';

/** Where the chunks behind the index's ids live. */
export type ChunkSource =
  | ReadonlyMap<string, Chunk>
  | ((ids: string[]) => Promise<Chunk[]>)
  | VectorStore;

export interface KeywordRetrieverOptions {
  /** A BM25 index whose document ids are chunk ids. */
  index: BM25Index;
  /** The chunks: a map by id, a loader of chunks by ids, or the vector store that holds them. */
  chunks: ChunkSource;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
}

type ChunkLoader = (ids: string[]) => Promise<Map<string, Chunk>>;

function isMap(source: ChunkSource): source is ReadonlyMap<string, Chunk> {
  return source instanceof Map;
}

function loaderFor(source: ChunkSource): ChunkLoader {
  if (isMap(source)) {
    return async (ids) => {
      const found = new Map<string, Chunk>();
      for (const id of ids) {
        const chunk = source.get(id);
        if (chunk) found.set(id, chunk);
      }
      return found;
    };
  }
  if (typeof source === 'function') {
    return async (ids) => {
      const chunks = await source(ids);
      if (!Array.isArray(chunks)) {
        throw new ValidationError('The chunks loader must resolve to an array of chunks.');
      }
      return new Map(chunks.map((chunk) => [chunk.id, chunk]));
    };
  }
  return async (ids) => {
    const records = await source.get(ids);
    return new Map(records.map((record) => [record.id, recordToChunk(record)]));
  };
}

/**
 * Finds chunks by BM25 keyword match and maps the index's ids back to chunks. A filter is
 * applied to each chunk's metadata; ids the source no longer holds (a stale index) are skipped.
 *
 * @example
 * const retriever = keywordRetriever({ index: bm25, chunks: store });
 * await retriever.retrieve('pgvector hnsw', { topK: 5, filter: { source: 'stores.md' } });
 */
export function keywordRetriever(options: KeywordRetrieverOptions): Retriever {
  const { index, chunks } = options ?? ({} as KeywordRetrieverOptions);
  requireMethod(index, 'search', 'index', 'pass a BM25Index.');
  if (!isMap(chunks) && typeof chunks !== 'function') {
    requireMethod(
      chunks,
      'get',
      'chunks',
      'pass a Map of chunks by id, a loader (ids) => Promise<Chunk[]>, or a VectorStore.',
    );
  }
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  const load = loaderFor(chunks);
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { signal } = retrieveOptions;
      const accept = compileFilter(retrieveOptions.filter);
      const unfiltered = retrieveOptions.filter === undefined;
      // With a map the filter runs inside the search; otherwise the chunks must be loaded to
      // see their metadata, so the search widens until enough pass or the index runs out.
      if (isMap(chunks) && !unfiltered) {
        const hits = index.search(query, {
          topK,
          filter: (id) => {
            const chunk = chunks.get(id);
            return chunk !== undefined && accept(chunk.metadata);
          },
        });
        return hits.map((hit) => ({ chunk: chunks.get(hit.id) as Chunk, score: hit.score }));
      }
      let fetchK = unfiltered ? topK : Math.max(topK * 4, 20);
      for (;;) {
        const hits = index.search(query, { topK: fetchK });
        signal?.throwIfAborted();
        const found = await load(hits.map((hit) => hit.id));
        signal?.throwIfAborted();
        const results: ScoredChunk[] = [];
        for (const hit of hits) {
          const chunk = found.get(hit.id);
          if (chunk && accept(chunk.metadata)) results.push({ chunk, score: hit.score });
          if (results.length === topK) return results;
        }
        // Fewer hits than asked for means the index has nothing more to give.
        if (hits.length < fetchK || fetchK >= index.size) return results;
        fetchK = Math.min(fetchK * 4, index.size);
      }
    },
  };
}
