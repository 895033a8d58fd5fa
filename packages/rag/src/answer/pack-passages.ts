import type { Chunk, ScoredChunk } from '../types/index.js';
import { wordCutPoints } from './cut-points.js';
import type { AnswerWarning, Passage } from './types.js';

/** Measures prompt text in tokens (or whatever unit the budget is in). */
export type CountTokens = (text: string) => number;

export interface PackPassagesOptions {
  chunks: ScoredChunk[];
  /** The most tokens the rendered passages (`renderPassages`) may take. */
  maxTokens: number;
  count: CountTokens;
}

export interface PackedPassages {
  passages: Passage[];
  /** The passages as the prompt shows them; `count(context) <= maxTokens`. */
  context: string;
  warnings: AnswerWarning[];
}

// A passage cut to a handful of tokens tells the model little and costs it a number to
// cite; below this, the chunk is dropped instead (the first passage is always kept).
const minTruncatedTokens = 32;
const separator = '\n\n';

/** Where a chunk came from, as the prompt and the citations name it. */
export function sourceOf(chunk: Chunk): string {
  const source = chunk.metadata.source;
  return typeof source === 'string' && source !== '' ? source : chunk.documentId;
}

/** One numbered passage as the model sees it. */
export function renderPassage(number: number, chunk: Chunk): string {
  return `[${number}] ${sourceOf(chunk)}\n${chunk.text}`;
}

/** The chunk narrowed to its first `length` characters, offsets kept exact. */
function narrow(chunk: Chunk, length: number): Chunk {
  return { ...chunk, text: chunk.text.slice(0, length), end: chunk.start + length };
}

/**
 * Packs the best chunks, in the order given, into a token budget: a chunk that fits is kept
 * whole; the first one that does not is cut at a word boundary if enough of it fits, and
 * dropped otherwise (a later, smaller chunk may still fit). The budget is checked on the
 * rendered text as a whole, so it holds exactly, separators and headers included.
 */
export function packPassages(options: PackPassagesOptions): PackedPassages {
  const { maxTokens, count } = options;
  const passages: Passage[] = [];
  const warnings: AnswerWarning[] = [];
  const seen = new Set<string>();
  let context = '';
  let dropped = 0;
  const extend = (rendered: string) => (context === '' ? rendered : context + separator + rendered);

  for (const { chunk, score } of options.chunks) {
    if (seen.has(chunk.id)) continue;
    seen.add(chunk.id);
    const number = passages.length + 1;
    const whole = extend(renderPassage(number, chunk));
    const wholeTokens = count(whole);
    if (wholeTokens <= maxTokens) {
      passages.push({
        number,
        chunk,
        score,
        truncated: false,
        tokens: wholeTokens - count(context),
      });
      context = whole;
      continue;
    }
    const cut = longestFittingCut(chunk, number, extend, count, maxTokens);
    const before = count(context);
    if (cut !== undefined) {
      const narrowed = narrow(chunk, cut);
      const candidate = extend(renderPassage(number, narrowed));
      const tokens = count(candidate) - before;
      if (passages.length === 0 || tokens >= minTruncatedTokens) {
        passages.push({ number, chunk: narrowed, score, truncated: true, tokens });
        context = candidate;
        warnings.push({
          type: 'passage-truncated',
          message: `Passage [${number}] (chunk "${chunk.id}") was cut to ${cut} of ${chunk.text.length} characters to fit maxContextTokens (${maxTokens}).`,
        });
        continue;
      }
    }
    dropped++;
  }
  if (dropped > 0) {
    warnings.push({
      type: 'passages-dropped',
      message: `${dropped} retrieved chunk(s) did not fit in maxContextTokens (${maxTokens}) and were left out.`,
    });
  }
  return { passages, context, warnings };
}

/** The longest word-boundary prefix of the chunk whose passage still fits, found by bisection. */
function longestFittingCut(
  chunk: Chunk,
  number: number,
  extend: (rendered: string) => string,
  count: CountTokens,
  maxTokens: number,
): number | undefined {
  const cuts = wordCutPoints(chunk.text);
  let fits = -1;
  let fails = cuts.length;
  while (fails - fits > 1) {
    const middle = (fits + fails) >>> 1;
    const cut = cuts[middle] as number;
    if (count(extend(renderPassage(number, narrow(chunk, cut)))) <= maxTokens) fits = middle;
    else fails = middle;
  }
  return fits >= 0 ? cuts[fits] : undefined;
}
