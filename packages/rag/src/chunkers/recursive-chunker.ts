import { ValidationError } from '@weft/core';
import type { Chunk, Chunker, ChunkWarning, Document, LengthFunction } from '../types/index.js';
import { packCharactersLazily, SpanBuffer } from './character-lazy-pack.js';
import { packCharacterUnits } from './character-pack.js';
import { splitCharacterUnits } from './character-units.js';
import { buildChunks, type ChunkSizeOptions, checkSizeOptions, toDocument } from './chunk-input.js';
import { characterLength } from './length.js';
import { checkLength, createMeasure } from './measure.js';
import { type PackResult, packUnits } from './pack-units.js';
import { canLocateLazily } from './separator-search.js';
import { createSplitContext, splitRange, type Unit } from './split-range.js';
import { isWellFormed, type TextRange } from './text-ranges.js';

/** Paragraphs, lines, words, then code points. */
export const defaultSeparators: readonly string[] = ['\n\n', '\n', ' ', ''];

export interface RecursiveChunkerOptions extends ChunkSizeOptions {
  /** How chunk size and overlap are measured. Default `characterLength`. */
  length?: LengthFunction;
  /**
   * Tried in order: text is cut at the first separator that occurs, and pieces still too long
   * are cut with the next ones. `''` means "between any two code points". Default
   * `['\n\n', '\n', ' ', '']`; without a final `''`, runs with no separator are kept whole and
   * reported as `oversized-unit`.
   */
  separators?: readonly string[];
}

/** Checks a separator list: strings, no lone surrogates, `''` only last. */
export function checkSeparators(separators: unknown, caller: string): readonly string[] {
  if (separators === undefined) return defaultSeparators;
  const fail = (message: string): never => {
    throw new ValidationError(`${caller}: ${message}`, {
      issues: [{ path: ['separators'], message }],
    });
  };
  if (!Array.isArray(separators)) return fail('separators must be an array of strings.');
  separators.forEach((separator, index) => {
    if (typeof separator !== 'string') fail(`separator ${index} is not a string.`);
    if (!isWellFormed(separator)) fail(`separator ${index} holds a lone surrogate.`);
    if (separator === '' && index !== separators.length - 1) fail(`'' must be the last separator.`);
  });
  return separators as readonly string[];
}

/**
 * Splits each of `ranges` of `text` (in order) into units with the separator hierarchy and
 * packs them into chunk ranges. The engine behind the recursive chunker, and behind the
 * others once they have found their own structure (sentences, declarations, groups).
 */
export function splitAndPack(options: {
  text: string;
  ranges: Iterable<{ start: number; end: number }>;
  chunkSize: number;
  chunkOverlap: number;
  length: LengthFunction;
  separators: readonly string[];
}): PackResult {
  const { text, chunkSize, chunkOverlap, length, separators } = options;
  const measure = createMeasure(text, length);
  const window = length === characterLength ? chunkSize - chunkOverlap : undefined;
  const context = createSplitContext(text, separators, measure, chunkSize, window);
  const units: Unit[] = [];
  for (const range of options.ranges) splitRange(context, range.start, range.end, 0, units);
  return packUnits({ text, units, measure, chunkSize, chunkOverlap, separators });
}

/**
 * `splitAndPack` of a whole text measured with `characterLength`: the same chunks and
 * warnings (a property test compares them), found lazily near chunk edges when the
 * separators allow it (`canLocateLazily`), else from the full list of units in typed arrays.
 */
export function splitAndPackCharacters(options: {
  text: string;
  chunkSize: number;
  chunkOverlap: number;
  separators: readonly string[];
}): PackResult {
  if (!canLocateLazily(options.separators)) return splitAndPackCharactersEagerly(options);
  const buffer = new SpanBuffer();
  const warnings = packCharactersLazily({ ...options, spans: buffer });
  const spans: TextRange[] = [];
  for (let index = 0; index < buffer.count; index++) {
    spans.push({
      start: buffer.edges[2 * index] as number,
      end: buffer.edges[2 * index + 1] as number,
    });
  }
  return { spans, warnings };
}

/** The eager fast path: every unit listed first, then packed (the lazy path's fallback). */
export function splitAndPackCharactersEagerly(options: {
  text: string;
  chunkSize: number;
  chunkOverlap: number;
  separators: readonly string[];
}): PackResult {
  const { text, chunkSize, chunkOverlap, separators } = options;
  const units = splitCharacterUnits(text, separators, chunkSize, chunkOverlap);
  return packCharacterUnits({ text, units, chunkSize, chunkOverlap, separators });
}

/**
 * Chunks of `document` by character length: the lazy packer's ranges go to a typed array,
 * then one object literal per chunk, of the shape `buildChunks` makes. Building the objects
 * after packing rather than as each range is found measured about 0.9 ms faster per pass of
 * the benchmark corpus (13,067 chunks, about 9.4 ms a pass then): the packing loop then
 * allocates nothing. The two loops live in functions of their own, called once a pass: in
 * one function, V8 compiled each loop on the stack and threw the code away at the loop's
 * exit, every pass.
 */
function chunkCharacters(
  document: Document,
  options: { chunkSize: number; chunkOverlap: number; separators: readonly string[] },
): { chunks: Chunk[]; warnings: ChunkWarning[] } {
  const { text } = document;
  if (!canLocateLazily(options.separators)) {
    const result = splitAndPackCharactersEagerly({ text, ...options });
    return { chunks: buildChunks(document, result.spans), warnings: result.warnings };
  }
  // About one chunk per window of new text; the buffer grows if there are more.
  const window = Math.max(1, options.chunkSize - options.chunkOverlap);
  const spans = new SpanBuffer(Math.ceil((text.length * 1.25) / window));
  const warnings = packCharactersLazily({ text, ...options, spans });
  return { chunks: chunksOfSpans(document, spans), warnings };
}

/** One chunk object per range of `spans`, as `buildChunks` makes them. */
function chunksOfSpans(document: Document, spans: SpanBuffer): Chunk[] {
  const { text, id, metadata } = document;
  const { edges, count } = spans;
  // Sized once: growing by push left about 0.25 MB of discarded arrays a pass on the
  // benchmark corpus, and the collections it caused cost more than filling a holey array.
  const chunks = new Array<Chunk>(count);
  // Made once: each id is then one concatenation, with no intermediate string per chunk.
  const idPrefix = `${id}#`;
  // With no metadata to copy, a literal is about 3x faster than spreading an empty object.
  const copyMetadata = Reflect.ownKeys(metadata).length > 0;
  for (let index = 0; index < count; index++) {
    const start = edges[2 * index] as number;
    const end = edges[2 * index + 1] as number;
    chunks[index] = {
      id: `${idPrefix}${index}`,
      documentId: id,
      index,
      text: text.slice(start, end),
      start,
      end,
      metadata: copyMetadata ? { ...metadata } : {},
    };
  }
  return chunks;
}

/**
 * A chunker that cuts at paragraphs, then lines, then words, then code points, as coarse as
 * the size allows, with exact offsets and about `chunkOverlap` shared between neighbours.
 *
 * @example
 * const chunks = recursiveChunker({ chunkSize: 1000, chunkOverlap: 200 }).chunk(document);
 */
export function recursiveChunker(options: RecursiveChunkerOptions): Chunker {
  const chunkOverlap = checkSizeOptions(options, 'recursiveChunker');
  const length = checkLength(options.length, 'recursiveChunker');
  const separators = checkSeparators(options.separators, 'recursiveChunker');
  const { chunkSize } = options;
  let warnings: readonly ChunkWarning[] = [];
  return {
    get warnings() {
      return warnings;
    },
    chunk(input: Document | string): Chunk[] {
      const document = toDocument(input, 'recursiveChunker');
      const { text } = document;
      if (length === characterLength) {
        const result = chunkCharacters(document, { chunkSize, chunkOverlap, separators });
        warnings = result.warnings;
        return result.chunks;
      }
      const result = splitAndPack({
        text,
        ranges: [{ start: 0, end: text.length }],
        chunkSize,
        chunkOverlap,
        length,
        separators,
      });
      warnings = result.warnings;
      return buildChunks(document, result.spans);
    },
  };
}
