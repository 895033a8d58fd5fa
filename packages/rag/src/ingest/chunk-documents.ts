import { AbortError, type EmbeddingModel, ValidationError } from '@weft/core';
import type { AsyncChunker } from '../chunkers/index.js';
import type { Chunk, Chunker, Document } from '../types/index.js';
import { textHasher } from './hash-text.js';

/** A chunk and the hash that says whether its stored vector can be kept. */
export interface KeyedChunk {
  chunk: Chunk;
  /** SHA-256 of the embedding model's identity and the chunk's text. */
  key: string;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('ingest was aborted by its signal.');
}

/** What identifies a vector: the same text through the same model gives the same vector. */
export function embeddingIdentity(model: EmbeddingModel, dimensions: number): string {
  return `${model.provider}\n${model.modelId}\n${dimensions}\n`;
}

/** Chunks keyed at a time: a long document's first chunks move on before its last are hashed. */
const sliceSize = 256;

/**
 * Chunks each document and hashes each chunk. Chunk ids must be unique across all documents,
 * since they are the store's record ids. `onChunks` gets the keyed chunks a slice at a time,
 * in order, and `onDocument` each finished document (both awaited), so that later steps can
 * start before the last chunk is hashed.
 */
export async function chunkDocuments(
  documents: readonly Document[],
  chunker: Chunker | AsyncChunker,
  identity: string,
  options: {
    signal?: AbortSignal;
    onChunks?: (keyed: KeyedChunk[]) => void | Promise<void>;
    onDocument?: (done: number) => void | Promise<void>;
  },
): Promise<KeyedChunk[][]> {
  const seen = new Set<string>();
  const result: KeyedChunk[][] = [];
  const hash = textHasher();
  for (const document of documents) {
    throwIfAborted(options.signal);
    const chunks = await chunker.chunk(document, { signal: options.signal });
    const keyed: KeyedChunk[] = [];
    for (let start = 0; start < chunks.length; start += sliceSize) {
      const slice = chunks.slice(start, start + sliceSize);
      const keys = await Promise.all(slice.map((chunk) => hash(identity + chunk.text)));
      const part = slice.map((chunk, index) => {
        if (typeof chunk.id !== 'string' || chunk.id.length === 0 || seen.has(chunk.id)) {
          throw new ValidationError(
            `ingest: the chunker gave document "${document.id}" a ${seen.has(chunk.id) ? `duplicate chunk id "${chunk.id}"` : 'chunk without an id'}; chunk ids must be unique across documents.`,
          );
        }
        seen.add(chunk.id);
        return { chunk, key: keys[index] as string };
      });
      keyed.push(...part);
      await options.onChunks?.(part);
    }
    result.push(keyed);
    await options.onDocument?.(result.length);
  }
  return result;
}
