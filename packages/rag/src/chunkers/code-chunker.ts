import { ValidationError } from '@weft/core';
import type { Chunk, Chunker, ChunkWarning, Document, LengthFunction } from '../types/index.js';
import { buildChunks, type ChunkSizeOptions, checkSizeOptions, toDocument } from './chunk-input.js';
import { type CodeLanguage, codeLanguages, declarationStarts } from './code-declarations.js';
import { checkLength } from './measure.js';
import { splitAndPack } from './recursive-chunker.js';
import type { TextRange } from './text-ranges.js';

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
      const ranges: TextRange[] = [];
      let position = 0;
      for (const start of [...declarationStarts(text, language), text.length]) {
        ranges.push({ start: position, end: start });
        position = start;
      }
      const result = splitAndPack({
        text,
        ranges,
        chunkSize,
        chunkOverlap,
        length,
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
