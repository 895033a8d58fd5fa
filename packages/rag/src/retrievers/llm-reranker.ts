import { type ChatModel, generateText } from '@weft/core';
import type { Reranker, RerankResult } from './reranker.js';
import { requireMethod } from './retrieve-options.js';

export interface LlmRerankerOptions {
  model: ChatModel;
  /** Passages longer than this many characters are cut in the prompt. Default 2,000. */
  maxPassageChars?: number;
}

const scoreLine = /^\s*\[?(\d+)\]?\s*[:=]\s*(\d+(?:\.\d+)?)\s*(?:\/\s*10)?\s*$/;

/**
 * The scores in a reply of `index: score` lines, or the reason it cannot be used. Every
 * passage must be scored exactly once, from 0 to 10; other lines are ignored.
 */
export function parseRerankScores(reply: string, count: number): number[] | string {
  const scores = new Array<number | undefined>(count).fill(undefined);
  for (const line of reply.split(/\r?\n/)) {
    const match = scoreLine.exec(line);
    if (!match) continue;
    const index = Number(match[1]);
    const score = Number(match[2]);
    if (index >= count) return `it scored passage ${index}, but there are only ${count}`;
    if (score > 10) return `passage ${index} got ${score}, above 10`;
    if (scores[index] !== undefined) return `it scored passage ${index} twice`;
    scores[index] = score;
  }
  const missing = scores.indexOf(undefined);
  if (missing !== -1) return `it gave no score for passage ${missing}`;
  return scores as number[];
}

/**
 * Reranks with a chat model in one call: the model scores each passage from 0 to 10 as
 * `index: score` lines. A reply that does not score every passage exactly once keeps the
 * original order and says why in a warning. Scores are returned divided by 10.
 *
 * @example
 * const retriever = rerankRetriever({ retriever, reranker: llmReranker({ model }), fetchK: 20 });
 */
export function llmReranker(options: LlmRerankerOptions): Reranker {
  const { model } = options ?? ({} as LlmRerankerOptions);
  requireMethod(model, 'generate', 'model', "pass a ChatModel, e.g. openai.chat('gpt-4o-mini').");
  const maxChars = options.maxPassageChars ?? 2_000;
  return {
    async rerank(query, documents, rerankOptions = {}): Promise<RerankResult> {
      const { topN = documents.length, signal } = rerankOptions;
      if (documents.length === 0) return { results: [], warnings: [] };
      const passages = documents
        .map((text, index) => `[${index}] ${text.slice(0, maxChars).replace(/\s+/g, ' ')}`)
        .join('\n\n');
      const { text } = await generateText({
        model,
        signal,
        temperature: 0,
        system:
          'You judge how well passages answer a query. Reply with exactly one line per passage, in the form `index: score`, where score is an integer from 0 (irrelevant) to 10 (answers it fully). No other text.',
        prompt: `Query: ${query}\n\nPassages:\n${passages}\n\nScore all ${documents.length} passages (indexes 0 to ${documents.length - 1}).`,
      });
      const parsed = parseRerankScores(text, documents.length);
      if (typeof parsed === 'string') {
        return {
          results: documents.slice(0, topN).map((_, index) => ({ index, score: 0 })),
          keptOriginalOrder: true,
          warnings: [
            {
              type: 'unparsable-model-output',
              message: `The reranking model's reply could not be used (${parsed}); the original order is kept.`,
            },
          ],
        };
      }
      const results = parsed
        .map((score, index) => ({ index, score: score / 10 }))
        // Stable: equal scores keep the retriever's order.
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .slice(0, topN);
      return { results, warnings: [] };
    },
  };
}
