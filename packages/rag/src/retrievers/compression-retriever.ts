import { type ChatModel, generateText } from '@weft/core';
import type { Chunk, Retriever, ScoredChunk } from '../types/index.js';
import {
  checkRetrieveCall,
  defaultTopK,
  mapWithConcurrency,
  positiveInteger,
  type RetrieverWarning,
  requireMethod,
} from './retrieve-options.js';

export interface CompressionRetrieverOptions {
  /** Finds the chunks to compress. */
  retriever: Retriever;
  /** The model that picks the relevant sentences of each chunk. */
  model: ChatModel;
  /** Model calls in flight at once. Default 4. */
  concurrency?: number;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
  /** Told when the model's extract is not verbatim (the whole chunk is kept). */
  onWarning?: (warning: RetrieverWarning) => void;
}

/** The reply that marks a chunk irrelevant. */
export const irrelevantMarker = 'NO_RELEVANT_TEXT';

/**
 * Where the extract lies in the chunk's text: `[start, end)` spanning every extracted line,
 * found in order, or `undefined` when some line is not verbatim in the text.
 */
export function locateExtract(
  text: string,
  extract: string,
): { start: number; end: number } | undefined {
  const whole = extract.trim();
  if (whole === '') return undefined;
  const direct = text.indexOf(whole);
  if (direct !== -1) return { start: direct, end: direct + whole.length };
  // The model may list the kept sentences on separate lines: each must appear, in order.
  const lines = whole
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let from = 0;
  let start = -1;
  for (const line of lines) {
    const at = text.indexOf(line, from);
    if (at === -1) return undefined;
    if (start === -1) start = at;
    from = at + line.length;
  }
  return { start, end: from };
}

function narrow(chunk: Chunk, range: { start: number; end: number }): Chunk {
  return {
    ...chunk,
    text: chunk.text.slice(range.start, range.end),
    start: chunk.start + range.start,
    end: chunk.start + range.end,
  };
}

/**
 * Contextual compression: the model keeps only the sentences of each chunk that bear on the
 * query, copied verbatim; the chunk is narrowed to them with exact offsets (the kept span
 * runs from the first to the last kept sentence). Chunks the model marks irrelevant are
 * dropped. An extract that is not verbatim keeps the whole chunk, with a warning.
 *
 * @example
 * const retriever = compressionRetriever({ retriever: vector, model: openai.chat('gpt-4o-mini') });
 */
export function compressionRetriever(options: CompressionRetrieverOptions): Retriever {
  const { retriever, model, onWarning } = options ?? ({} as CompressionRetrieverOptions);
  requireMethod(retriever, 'retrieve', 'retriever', 'pass a Retriever.');
  requireMethod(model, 'generate', 'model', "pass a ChatModel, e.g. openai.chat('gpt-4o-mini').");
  const concurrency = positiveInteger(options.concurrency ?? 4, 'concurrency');
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { filter, signal } = retrieveOptions;
      const results = await retriever.retrieve(query, { topK, filter, signal });
      const compressed = await mapWithConcurrency(results, concurrency, async (result) => {
        const { text } = await generateText({
          model,
          signal,
          temperature: 0,
          system: `You extract evidence. Copy, word for word, only the sentences of the passage that help answer the question, one per line, in their original order. Change nothing in them. If no sentence helps, reply exactly ${irrelevantMarker}.`,
          prompt: `Question: ${query}\n\nPassage:\n${result.chunk.text}`,
        });
        if (text.trim() === irrelevantMarker) return undefined;
        const range = locateExtract(result.chunk.text, text);
        if (!range) {
          onWarning?.({
            type: 'not-verbatim',
            message: `The model's extract from chunk "${result.chunk.id}" is not verbatim text of the chunk; the whole chunk is kept.`,
          });
          return result;
        }
        return { chunk: narrow(result.chunk, range), score: result.score };
      });
      return compressed.filter((result): result is ScoredChunk => result !== undefined);
    },
  };
}
