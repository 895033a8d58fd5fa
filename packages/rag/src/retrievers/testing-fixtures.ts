/** Shared fixtures for the retrievers' tests (not exported by the package). */
import { mockEmbeddingModel } from '@weft/core/testing';
import { chunkToRecord } from '../chunk-records/index.js';
import { InMemoryVectorStore } from '../stores/in-memory/index.js';
import type { Chunk, Document, Retriever, ScoredChunk } from '../types/index.js';

/** Topic axes: a text's vector counts its topic words, plus a small constant so none is zero. */
const topics = [
  /\bcats?\b|kitten/gi,
  /\bdogs?\b|pupp/gi,
  /stock|market|share/gi,
  /rocket|orbit|space/gi,
];

export function topicVector(text: string): Float32Array {
  const vector = new Float32Array(topics.length + 1);
  topics.forEach((pattern, index) => {
    vector[index] = (text.match(pattern) ?? []).length;
  });
  vector[topics.length] = 0.1;
  return vector;
}

export function topicEmbeddingModel() {
  return mockEmbeddingModel({ dimensions: topics.length + 1, embedText: topicVector });
}

export const passages = [
  { id: 'pets', text: 'Cats purr. A kitten sleeps on the sofa while cats watch.', topic: 'pets' },
  { id: 'dogs', text: 'Dogs bark at the mail carrier. A puppy chews a shoe.', topic: 'pets' },
  { id: 'mixed', text: 'The cat ignored the dog. Stock markets did not care.', topic: 'misc' },
  {
    id: 'finance',
    text: 'Stock markets fell; share prices dropped in the market.',
    topic: 'finance',
  },
  { id: 'space', text: 'The rocket reached orbit. Space travel is costly.', topic: 'science' },
] as const;

/** One document per passage, one chunk per document covering its whole text. */
export function passageChunks(): Chunk[] {
  return passages.map((passage) => ({
    id: `${passage.id}#0`,
    documentId: passage.id,
    index: 0,
    text: passage.text,
    start: 0,
    end: passage.text.length,
    metadata: { source: `${passage.id}.md`, topic: passage.topic },
  }));
}

export function passageDocuments(): Map<string, Document> {
  return new Map(
    passages.map((passage) => [
      passage.id,
      { id: passage.id, text: passage.text, metadata: { source: `${passage.id}.md` } },
    ]),
  );
}

/** An in-memory store holding the passages' chunks, embedded with `topicVector`. */
export async function passageStore(
  chunks: Chunk[] = passageChunks(),
): Promise<InMemoryVectorStore> {
  const store = new InMemoryVectorStore({ dimensions: topics.length + 1 });
  await store.upsert(chunks.map((chunk) => chunkToRecord(chunk, topicVector(chunk.text))));
  return store;
}

/** A chunk with just an id (and text), for fusion and reranking tests. */
export function chunkWithId(id: string, text = `text of ${id}`): Chunk {
  return { id, documentId: id, index: 0, text, start: 0, end: text.length, metadata: {} };
}

/** A retriever that returns fixed results and records the calls it received. */
export function fixedRetriever(results: ScoredChunk[]): Retriever & {
  calls: Array<{ query: string; topK?: number }>;
} {
  const calls: Array<{ query: string; topK?: number }> = [];
  return {
    calls,
    async retrieve(query, options = {}) {
      calls.push({ query, topK: options.topK });
      return results.slice(0, options.topK ?? results.length);
    },
  };
}

export const ids = (results: ScoredChunk[]) => results.map((result) => result.chunk.id);

/** The text of the last user message of a chat request (prompts here are plain strings). */
export function promptOf(request: {
  messages: ReadonlyArray<{ role: string; content: unknown }>;
}): string {
  const last = [...request.messages].reverse().find((message) => message.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}
