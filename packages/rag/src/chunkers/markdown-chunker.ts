import type { Chunk, Chunker, ChunkWarning, Document, LengthFunction } from '../types/index.js';
import {
  buildChunks,
  type ChunkSizeOptions,
  type ChunkSpan,
  checkSizeOptions,
  offsetWarnings,
  toDocument,
} from './chunk-input.js';
import { characterLength } from './length.js';
import { markdownSections } from './markdown-sections.js';
import { checkLength, createMeasure } from './measure.js';
import { packUnits } from './pack-units.js';
import { defaultSeparators } from './recursive-chunker.js';
import { createSplitContext, splitRange, type Unit } from './split-range.js';

export interface MarkdownChunkerOptions extends ChunkSizeOptions {
  length?: LengthFunction;
}

/**
 * Chunks Markdown by heading sections (each chunk's `metadata.headingPath`, e.g.
 * `['Guide', 'Install']`), then recursively within a section. A fenced code block is never
 * cut (one longer than `chunkSize` is kept whole and reported). Chunks never span two
 * sections, so overlap applies between chunks of the same section.
 *
 * @example
 * const chunks = markdownChunker({ chunkSize: 1000, chunkOverlap: 100 }).chunk(readme);
 */
export function markdownChunker(options: MarkdownChunkerOptions): Chunker {
  const chunkOverlap = checkSizeOptions(options, 'markdownChunker');
  const length = checkLength(options.length, 'markdownChunker');
  const { chunkSize } = options;
  const separators = defaultSeparators;
  let warnings: readonly ChunkWarning[] = [];
  return {
    get warnings() {
      return warnings;
    },
    chunk(input: Document | string): Chunk[] {
      const document = toDocument(input, 'markdownChunker');
      const { text } = document;
      const measure = createMeasure(text, length);
      const window = length === characterLength ? chunkSize - chunkOverlap : undefined;
      const spans: ChunkSpan[] = [];
      const found: ChunkWarning[] = [];
      for (const section of markdownSections(text)) {
        const context = createSplitContext(text, separators, measure, chunkSize, window);
        const units: Unit[] = [];
        let position = section.start;
        for (const fence of section.fences) {
          splitRange(context, position, fence.start, 0, units);
          // Never cut, and no overlap starts inside it.
          units.push({ start: fence.start, end: fence.end, refineFrom: separators.length });
          position = fence.end;
        }
        splitRange(context, position, section.end, 0, units);
        const result = packUnits({ text, units, measure, chunkSize, chunkOverlap, separators });
        found.push(...offsetWarnings(result.warnings, spans.length));
        for (const span of result.spans) {
          spans.push({ ...span, metadata: { headingPath: section.headingPath } });
        }
      }
      warnings = found;
      return buildChunks(document, spans);
    },
  };
}
