import { findEncodingForModel, getTokenizer, ValidationError } from '@weft/core';
import type { ScoredChunk } from '../types/index.js';
import { answerSystemPrompt, answerUserPrompt } from './answer-prompt.js';
import { type CheckedAnswerOptions, checkAnswerOptions } from './check-options.js';
import { type CountTokens, packPassages } from './pack-passages.js';
import type { AnswerCallOptions, AnswerOptions, AnswerWarning, Passage } from './types.js';

/** Everything decided before the model is called. */
export type PreparedAnswer =
  | { kind: 'nothing-found'; chunks: ScoredChunk[]; warnings: AnswerWarning[] }
  | {
      kind: 'ask';
      chunks: ScoredChunk[];
      passages: Passage[];
      system: string;
      prompt: string;
      warnings: AnswerWarning[];
      callOptions: AnswerCallOptions;
    };

/** The budget's measure: the caller's, the model's tokenizer, or o200k as an estimate. */
async function counterFor(options: AnswerOptions): Promise<CountTokens> {
  const { tokenizer } = options;
  if (typeof tokenizer === 'function') return tokenizer;
  if (tokenizer) return (text) => tokenizer.count(text);
  const encoding = findEncodingForModel(options.model.modelId) ?? 'o200k_base';
  const loaded = await getTokenizer({ encoding });
  return (text) => loaded.count(text);
}

/** Checks what a retriever returned, since a user's retriever may return anything. */
function checkRetrieved(value: unknown): ScoredChunk[] {
  const fail = (message: string) =>
    new ValidationError(`answer: the retriever ${message}.`, {
      issues: [{ path: ['retriever'], message }],
    });
  if (!Array.isArray(value)) throw fail('must resolve to an array of { chunk, score }');
  value.forEach((item: Partial<ScoredChunk> | null, index) => {
    const chunk = item?.chunk;
    if (
      typeof item?.score !== 'number' ||
      typeof chunk?.id !== 'string' ||
      typeof chunk.text !== 'string' ||
      typeof chunk.documentId !== 'string' ||
      !Number.isInteger(chunk.start) ||
      chunk.end - chunk.start !== chunk.text.length ||
      typeof chunk.metadata !== 'object' ||
      chunk.metadata === null
    ) {
      throw fail(
        `returned an invalid result at index ${index}: expected { chunk: Chunk, score: number } with end - start equal to the text's length`,
      );
    }
  });
  return value as ScoredChunk[];
}

/** Retrieves, keeps what scores at least `minScore`, and packs the passages into the budget. */
export async function prepareAnswer(
  checked: CheckedAnswerOptions,
  signal: AbortSignal | undefined = checked.options.signal,
): Promise<PreparedAnswer> {
  const { options, topK, maxContextTokens, callOptions } = checked;
  const retrieved = checkRetrieved(
    await options.retriever.retrieve(options.question, {
      topK,
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(signal === undefined ? {} : { signal }),
    }),
  );
  const { minScore } = options;
  const chunks =
    minScore === undefined ? retrieved : retrieved.filter((hit) => hit.score >= minScore);
  if (chunks.length === 0) return { kind: 'nothing-found', chunks, warnings: [] };
  const count = await counterFor(options);
  const packed = packPassages({ chunks, maxTokens: maxContextTokens, count });
  if (packed.passages.length === 0) {
    return { kind: 'nothing-found', chunks, warnings: packed.warnings };
  }
  return {
    kind: 'ask',
    chunks,
    passages: packed.passages,
    system: options.system ?? answerSystemPrompt(options.instructions),
    prompt: answerUserPrompt(packed.context, options.question),
    warnings: packed.warnings,
    callOptions,
  };
}

export { checkAnswerOptions };
