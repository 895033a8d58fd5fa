import { ValidationError } from '@weft/core';
import type { Chunk, Chunker, ChunkWarning, Document, LengthFunction } from '../types/index.js';
import { buildChunks, type ChunkSizeOptions, checkSizeOptions, toDocument } from './chunk-input.js';
import { type CodeLanguage, codeLanguages, declarationStarts } from './code-declarations.js';
import { characterLength } from './length.js';
import { checkLength, createMeasure } from './measure.js';
import { packUnits } from './pack-units.js';
import { createSplitContext, splitRange, type Unit } from './split-range.js';

/** Inside a declaration: blank lines, lines, tokens, code points. */
const codeSeparators: readonly string[] = ['\n\n', '\n', ' ', ''];

export interface CodeChunkerOptions extends ChunkSizeOptions {
  language: CodeLanguage;
  length?: LengthFunction;
}

/**
 * Chunks source code along its top-level declarations (functions, classes, exports; Python
 * `def`/`class`), each with the comments and decorators above it; small neighbours share a
 * chunk, and a declaration longer than `chunkSize` is cut at blank lines, then lines.
 * Chunks carry `metadata.language`.
 *
 * @example
 * const chunks = codeChunker({ language: 'typescript', chunkSize: 1500 }).chunk(source);
 */
export function codeChunker(options: CodeChunkerOptions): Chunker {
  const chunkOverlap = checkSizeOptions(options, 'codeChunker');
  const length = checkLength(options.length, 'codeChunker');
  const { chunkSize, language } = options;
  if (!codeLanguages.includes(language)) {
    throw new ValidationError(
      `codeChunker: unknown language ${JSON.stringify(language)}; use one of ${codeLanguages.join(', ')}.`,
      { issues: [{ path: ['language'], message: 'unknown language' }] },
    );
  }
  let warnings: readonly ChunkWarning[] = [];
  return {
    get warnings() {
      return warnings;
    },
    chunk(input: Document | string): Chunk[] {
      const document = toDocument(input, 'codeChunker');
      const { text } = document;
      const measure = createMeasure(text, length);
      const window = length === characterLength ? chunkSize - chunkOverlap : undefined;
      const context = createSplitContext(text, codeSeparators, measure, chunkSize, window);
      const units: Unit[] = [];
      let position = 0;
      for (const start of [...declarationStarts(text, language), text.length]) {
        splitRange(context, position, start, 0, units);
        position = start;
      }
      const result = packUnits({
        text,
        units,
        measure,
        chunkSize,
        chunkOverlap,
        separators: codeSeparators,
      });
      warnings = result.warnings;
      return buildChunks(
        document,
        result.spans.map((span) => ({ ...span, metadata: { language } })),
      );
    },
  };
}
