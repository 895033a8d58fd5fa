import { ValidationError } from '@weft/core';
import type { AnswerCallOptions, AnswerOptions } from './types.js';

/** The options after checking, with defaults applied and the model's own options apart. */
export interface CheckedAnswerOptions {
  options: AnswerOptions;
  maxContextTokens: number;
  topK: number;
  /** What goes to `generateText`/`streamText` as they are. */
  callOptions: AnswerCallOptions;
}

const ownKeys = [
  'model',
  'retriever',
  'question',
  'maxContextTokens',
  'topK',
  'minScore',
  'filter',
  'system',
  'instructions',
  'tokenizer',
] as const;

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`answer: \`${path}\` ${message}.`, {
    issues: [{ path: [path], message }],
  });
}

function positiveInteger(value: unknown, path: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(path, `must be a positive integer, not ${String(value)}`);
  }
  return value;
}

/** Checks what `answer`/`streamAnswer` were given; throws `ValidationError` before any call. */
export function checkAnswerOptions(options: AnswerOptions): CheckedAnswerOptions {
  if (!options || typeof options !== 'object') throw invalid('options', 'are required');
  const { model, retriever, question, minScore, system, instructions, tokenizer } = options;
  if (!model || typeof model.generate !== 'function' || typeof model.stream !== 'function') {
    throw invalid('model', 'must be a ChatModel, e.g. openai.chat("gpt-4o-mini")');
  }
  if (!retriever || typeof retriever.retrieve !== 'function') {
    throw invalid('retriever', 'must have a retrieve(query, options) method');
  }
  if (typeof question !== 'string' || question.trim() === '') {
    throw invalid('question', 'must be a non-empty string');
  }
  if (minScore !== undefined && (typeof minScore !== 'number' || !Number.isFinite(minScore))) {
    throw invalid('minScore', 'must be a finite number');
  }
  if (system !== undefined && typeof system !== 'string')
    throw invalid('system', 'must be a string');
  if (instructions !== undefined && typeof instructions !== 'string') {
    throw invalid('instructions', 'must be a string');
  }
  if (
    tokenizer !== undefined &&
    typeof tokenizer !== 'function' &&
    typeof (tokenizer as { count?: unknown } | null)?.count !== 'function'
  ) {
    throw invalid('tokenizer', 'must be a Tokenizer (from getTokenizer) or a length function');
  }
  const callOptions: Record<string, unknown> = { ...options };
  for (const key of ownKeys) delete callOptions[key];
  return {
    options,
    maxContextTokens: positiveInteger(options.maxContextTokens, 'maxContextTokens', 3000),
    topK: positiveInteger(options.topK, 'topK', 8),
    callOptions: callOptions as AnswerCallOptions,
  };
}
