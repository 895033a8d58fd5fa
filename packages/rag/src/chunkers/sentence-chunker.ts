import type { Chunk, Chunker, ChunkWarning, Document, LengthFunction } from '../types/index.js';
import { buildChunks, type ChunkSizeOptions, checkSizeOptions, toDocument } from './chunk-input.js';
import { characterLength } from './length.js';
import { checkLength, createMeasure } from './measure.js';
import { packUnits } from './pack-units.js';
import { segmentSentences } from './segment-sentences.js';
import { createSplitContext, splitRange, type Unit } from './split-range.js';

/** Inside one sentence: words, then code points. */
const wordSeparators: readonly string[] = [' ', ''];

export interface SentenceChunkerOptions extends ChunkSizeOptions {
  length?: LengthFunction;
  /** The locale for `Intl.Segmenter`. Default `'en'`. */
  locale?: string;
}

/**
 * Packs whole sentences into chunks of up to `chunkSize`; a sentence longer than that is cut
 * at words. Overlap is whole sentences where they fit, words otherwise.
 *
 * @example
 * const chunks = sentenceChunker({ chunkSize: 500, chunkOverlap: 100 }).chunk(text);
 */
export function sentenceChunker(options: SentenceChunkerOptions): Chunker {
  const chunkOverlap = checkSizeOptions(options, 'sentenceChunker');
  const length = checkLength(options.length, 'sentenceChunker');
  const { chunkSize, locale } = options;
  let warnings: readonly ChunkWarning[] = [];
  return {
    get warnings() {
      return warnings;
    },
    chunk(input: Document | string): Chunk[] {
      const document = toDocument(input, 'sentenceChunker');
      const { text } = document;
      const measure = createMeasure(text, length);
      const window = length === characterLength ? chunkSize - chunkOverlap : undefined;
      const context = createSplitContext(text, wordSeparators, measure, chunkSize, window);
      const units: Unit[] = [];
      for (const sentence of segmentSentences(text, 0, text.length, locale)) {
        splitRange(context, sentence.start, sentence.end, 0, units);
      }
      const result = packUnits({
        text,
        units,
        measure,
        chunkSize,
        chunkOverlap,
        separators: wordSeparators,
      });
      warnings = result.warnings;
      return buildChunks(document, result.spans);
    },
  };
}
