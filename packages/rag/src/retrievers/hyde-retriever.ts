import { type ChatModel, type EmbeddingModel, embed, generateText } from '@weft/core';
import { recordToChunk } from '../chunk-records/index.js';
import type { Retriever, ScoredChunk, VectorStore } from '../types/index.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  requireMethod,
} from './retrieve-options.js';
import { checkStoreAndModel } from './vector-retriever.js';

export interface HydeRetrieverOptions {
  store: VectorStore;
  embeddingModel: EmbeddingModel;
  /** The model that writes the hypothetical answer. */
  model: ChatModel;
  /** The instruction for the hypothetical answer; receives the question. */
  prompt?: (question: string) => string;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
}

const defaultPrompt = (question: string) =>
  `Write a short passage (3 to 5 sentences) that answers this question, as a reference document would. Reply with the passage only.\n\nQuestion: ${question}`;

/**
 * HyDE (hypothetical document embeddings): the model writes a plausible answer, and the
 * chunks nearest to that answer's embedding are returned. An answer resembles the
 * documents more than a short question does. Scores are the store's cosine similarities.
 *
 * @example
 * const retriever = hydeRetriever({ store, embeddingModel, model: openai.chat('gpt-4o-mini') });
 */
export function hydeRetriever(options: HydeRetrieverOptions): Retriever {
  const { store, embeddingModel, model } = options ?? ({} as HydeRetrieverOptions);
  checkStoreAndModel(store, embeddingModel);
  requireMethod(model, 'generate', 'model', "pass a ChatModel, e.g. openai.chat('gpt-4o-mini').");
  const prompt = options.prompt ?? defaultPrompt;
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { filter, signal } = retrieveOptions;
      const { text } = await generateText({ model, signal, prompt: prompt(query) });
      // An empty reply would embed nothing useful; the question itself is the fallback.
      const passage = text.trim() === '' ? query : text;
      const { embedding } = await embed({ model: embeddingModel, value: passage, signal });
      const records = await store.query({ vector: embedding, topK, filter, signal });
      return records.map((record) => ({ chunk: recordToChunk(record), score: record.score }));
    },
  };
}
