import { ValidationError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob.js';

const matches = (pattern: string, path: string) => compileGlob(pattern).test(path);

describe('compileGlob', () => {
  it('matches *, ** and ? the way shells do', () => {
    expect(matches('*.md', 'a.md')).toBe(true);
    expect(matches('*.md', 'docs/a.md')).toBe(false);
    expect(matches('**/*.md', 'a.md')).toBe(true);
    expect(matches('**/*.md', 'docs/deep/a.md')).toBe(true);
    expect(matches('docs/**', 'docs/x/y.txt')).toBe(true);
    expect(matches('docs/**', 'other/x.txt')).toBe(false);
    expect(matches('?.txt', 'a.txt')).toBe(true);
    expect(matches('?.txt', 'ab.txt')).toBe(false);
  });

  it('supports {a,b} alternatives and [set] classes', () => {
    expect(matches('**/*.{md,txt}', 'x/y.txt')).toBe(true);
    expect(matches('**/*.{md,txt}', 'x/y.pdf')).toBe(false);
    expect(matches('file[0-9].csv', 'file7.csv')).toBe(true);
    expect(matches('file[!0-9].csv', 'file7.csv')).toBe(false);
  });

  it('treats regular-expression characters literally', () => {
    expect(matches('a+b (1).md', 'a+b (1).md')).toBe(true);
    expect(matches('a.md', 'aXmd')).toBe(false);
  });

  it('refuses .. segments and absolute patterns', () => {
    for (const pattern of ['../*.md', 'docs/../../x', '/etc/*', 'C:/x', '..\\secret']) {
      expect(() => compileGlob(pattern)).toThrow(ValidationError);
    }
    expect(() => compileGlob('docs/**/x..md')).not.toThrow();
  });
});
