import { type ChatModel, generateText } from '@weft/core';
import type { Retriever, ScoredChunk } from '../types/index.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import {
  checkRetrieveCall,
  defaultTopK,
  positiveInteger,
  type RetrieverWarning,
  requireMethod,
} from './retrieve-options.js';

export interface MultiQueryRetrieverOptions {
  /** The retriever run for the question and each rephrasing. */
  retriever: Retriever;
  /** The model that writes the rephrasings. */
  model: ChatModel;
  /** How many rephrasings to ask for. Default 3. */
  queries?: number;
  /** The reciprocal-rank-fusion constant. Default 60. */
  k?: number;
  /** Results when the call names no `topK`. Default 4. */
  topK?: number;
  /** Told when the model's reply held no usable rephrasing (the question alone is used). */
  onWarning?: (warning: RetrieverWarning) => void;
}

// A list marker the model may put before a line: "1.", "2)", "-", "*", "•", "Q1:".
const listMarker = /^\s*(?:[-*•]|\(?\d+[.):]|q\d+[.:)]|query\s*\d*\s*[:.)])\s*/i;

/**
 * The rephrasings in a model's reply, one per line: list markers, surrounding quotes and
 * blank lines dropped, duplicates (case-insensitive, and of the question) removed.
 */
export function parseQueryLines(reply: string, question: string, limit: number): string[] {
  const seen = new Set([question.trim().toLowerCase()]);
  const queries: string[] = [];
  for (const line of reply.split(/\r?\n/)) {
    let text = line.replace(listMarker, '').trim();
    text = text.replace(/^["'“‘`]+|["'”’`]+$/g, '').trim();
    if (text === '' || /^```/.test(line.trim()) || /:$/.test(text)) continue;
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    queries.push(text);
    if (queries.length === limit) break;
  }
  return queries;
}

/**
 * Asks the model for rephrasings of the question, retrieves for the question and each one,
 * and fuses the rankings with reciprocal rank fusion. Helps when the wording of a question
 * differs from the wording of the documents.
 *
 * @example
 * const retriever = multiQueryRetriever({ retriever: vectorRetriever(...), model, queries: 3 });
 */
export function multiQueryRetriever(options: MultiQueryRetrieverOptions): Retriever {
  const { retriever, model, onWarning } = options ?? ({} as MultiQueryRetrieverOptions);
  requireMethod(retriever, 'retrieve', 'retriever', 'pass a Retriever.');
  requireMethod(model, 'generate', 'model', "pass a ChatModel, e.g. openai.chat('gpt-4o-mini').");
  const count = positiveInteger(options.queries ?? 3, 'queries');
  const fallbackTopK = positiveInteger(options.topK ?? defaultTopK, 'topK');
  const k = options.k ?? 60;
  reciprocalRankFusion([], { k });
  return {
    async retrieve(query, retrieveOptions = {}): Promise<ScoredChunk[]> {
      const topK = checkRetrieveCall(query, retrieveOptions, fallbackTopK);
      const { filter, signal } = retrieveOptions;
      const { text } = await generateText({
        model,
        signal,
        system:
          'You rewrite search queries. Reply with the rephrasings only, one per line, with no numbering and no other text.',
        prompt: `Write ${count} different rephrasings of this question, each worded differently, to search a document collection with:\n\n${query}`,
      });
      const rephrasings = parseQueryLines(text, query, count);
      if (rephrasings.length === 0) {
        onWarning?.({
          type: 'unparsable-model-output',
          message: 'The model gave no usable rephrasing; retrieved with the question alone.',
        });
      }
      const rankings = await Promise.all(
        [query, ...rephrasings].map(async (variant) => ({
          results: await retriever.retrieve(variant, { topK, filter, signal }),
        })),
      );
      return reciprocalRankFusion(rankings, { k, topK });
    },
  };
}
