import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeChunker } from './code-chunker.js';
import type { CodeLanguage } from './code-declarations.js';
import { unicodeText } from './testing-arbitraries.js';
import {
  coverageViolation,
  offsetViolation,
  overlapViolation,
  sizeViolation,
} from './testing-invariants.js';

const length = (text: string) => text.length;
const codeText = fc
  .array(
    fc.oneof(
      unicodeText,
      fc.constantFrom(
        '\nexport function a() {\n  return 1;\n}\n',
        '\n/** Doc. */\nclass B {}\n',
        '\n@decorator\ndef c():\n    return "😀"\n',
        '\nfunc d() {}\n',
        '\npub fn e() {}\n',
      ),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

describe('codeChunker', () => {
  it('keeps exact offsets, coverage, size bounds and overlap on random code-like text', () => {
    fc.assert(
      fc.property(
        codeText,
        fc.constantFrom<CodeLanguage>('typescript', 'javascript', 'python', 'go', 'rust'),
        fc.integer({ min: 1, max: 80 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (text, language, chunkSize, ratio) => {
          const chunkOverlap = Math.floor(chunkSize * ratio);
          const chunker = codeChunker({ language, chunkSize, chunkOverlap });
          const chunks = chunker.chunk(text);
          expect(offsetViolation(text, chunks)).toBeUndefined();
          expect(coverageViolation(text, chunks)).toBeUndefined();
          expect(sizeViolation(chunks, chunker.warnings, chunkSize, length)).toBeUndefined();
          expect(
            overlapViolation(text, chunks, chunker.warnings, chunkOverlap, length),
          ).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts TypeScript at top-level declarations, keeping doc comments with them', () => {
    const source = [
      "import { x } from './x.js';",
      '',
      '/** Adds. */',
      'export function add(a: number, b: number) {',
      '  return a + b;',
      '}',
      '',
      'export class Counter {',
      '  count = 0;',
      '}',
    ].join('\n');
    const chunks = codeChunker({ language: 'typescript', chunkSize: 80 }).chunk(source);
    expect(chunks.map((c) => c.text)).toEqual([
      "import { x } from './x.js';",
      '/** Adds. */\nexport function add(a: number, b: number) {\n  return a + b;\n}',
      'export class Counter {\n  count = 0;\n}',
    ]);
    expect(chunks[0]?.metadata.language).toBe('typescript');
  });

  it('cuts Python at def and class, keeping decorators with them', () => {
    const source = 'import os\n\n@cache\ndef f():\n    return 1\n\nclass G:\n    pass\n';
    const chunks = codeChunker({ language: 'python', chunkSize: 30 }).chunk(source);
    expect(chunks.map((c) => c.text)).toEqual([
      'import os',
      '@cache\ndef f():\n    return 1',
      'class G:\n    pass',
    ]);
  });

  it('refuses an unknown language', () => {
    expect(() => codeChunker({ language: 'cobol' as CodeLanguage, chunkSize: 10 })).toThrow(
      /cobol/,
    );
  });
});
