import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types/index.js';
import { markdownChunker } from './markdown-chunker.js';
import { markdownSections } from './markdown-sections.js';
import { unicodeText } from './testing-arbitraries.js';
import {
  coverageViolation,
  offsetViolation,
  overlapViolation,
  sizeViolation,
} from './testing-invariants.js';

const length = (text: string) => text.length;
const markdownText = fc
  .array(
    fc.oneof(
      unicodeText,
      fc.constantFrom(
        '\n# Guide\n',
        '\n## Install\n',
        '\n### Deep\n',
        '\n```ts\nconst a = 1;\n\n# not a heading\n```\n',
        '\n~~~\nunclosed',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));
// Neighbours may overlap only inside one section.
const sameSection = (text: string) => {
  const starts = markdownSections(text).map((section) => section.start);
  const sectionOf = (chunk: Chunk) => starts.filter((start) => start <= chunk.start).length;
  return (a: Chunk, b: Chunk) => sectionOf(a) === sectionOf(b);
};

describe('markdownChunker', () => {
  it('keeps exact offsets, coverage, size bounds and overlap within sections on random text', () => {
    fc.assert(
      fc.property(
        markdownText,
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (text, chunkSize, ratio) => {
          const chunkOverlap = Math.floor(chunkSize * ratio);
          const chunker = markdownChunker({ chunkSize, chunkOverlap });
          const chunks = chunker.chunk(text);
          expect(offsetViolation(text, chunks)).toBeUndefined();
          expect(coverageViolation(text, chunks)).toBeUndefined();
          expect(sizeViolation(chunks, chunker.warnings, chunkSize, length)).toBeUndefined();
          expect(
            overlapViolation(
              text,
              chunks,
              chunker.warnings,
              chunkOverlap,
              length,
              sameSection(text),
            ),
          ).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('puts the heading path in metadata and never crosses a section', () => {
    const text = 'Intro.\n\n# Guide\nRead me.\n\n## Install\nRun it.\n\n# API\nCall it.\n';
    const chunks = markdownChunker({ chunkSize: 200 }).chunk({
      id: 'd',
      text,
      metadata: { source: 'g.md' },
    });
    expect(chunks.map((c) => [c.text, c.metadata.headingPath])).toEqual([
      ['Intro.', []],
      ['# Guide\nRead me.', ['Guide']],
      ['## Install\nRun it.', ['Guide', 'Install']],
      ['# API\nCall it.', ['API']],
    ]);
    expect(chunks[1]?.metadata.source).toBe('g.md');
  });

  it('never cuts a code fence, reporting one longer than chunkSize, and ignores headings in it', () => {
    const fence = '```ts\nconst a = 1;\n# comment, not a heading\nconst b = 2;\n```';
    const text = `# Code\nBefore.\n\n${fence}\n\nAfter.`;
    const chunker = markdownChunker({ chunkSize: 30 });
    const chunks = chunker.chunk(text);
    expect(chunks.map((c) => c.text)).toContain(fence);
    expect(chunks.every((c) => c.metadata.headingPath?.toString() === 'Code')).toBe(true);
    expect(chunker.warnings).toEqual([expect.objectContaining({ type: 'oversized-unit' })]);
  });
});
