import type { Chunk, Chunker, ChunkWarning, Document, LengthFunction } from '../types/index.js';
import { buildChunks, type ChunkSizeOptions, checkSizeOptions, toDocument } from './chunk-input.js';
import { checkLength } from './measure.js';
import { splitAndPack } from './recursive-chunker.js';
import { segmentSentences } from './segment-sentences.js';

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
      const result = splitAndPack({
        text,
        ranges: segmentSentences(text, 0, text.length, locale),
        chunkSize,
        chunkOverlap,
        length,
        separators: wordSeparators,
      });
      warnings = result.warnings;
      return buildChunks(document, result.spans);
    },
  };
}
