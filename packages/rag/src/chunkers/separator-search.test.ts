import { describe, expect, it } from 'vitest';
import { canLocateLazily, SeparatorSearch } from './separator-search.js';

describe('canLocateLazily', () => {
  it('accepts separators that repeat a root which cannot overlap itself', () => {
    expect(canLocateLazily(['\n\n', '\n', ' ', ''])).toBe(true);
    expect(canLocateLazily(['😀😀', '\r\n\r\n', 'aa'])).toBe(true);
  });

  it('refuses separators whose occurrences overlap irregularly', () => {
    expect(canLocateLazily(['xax', ''])).toBe(false);
    expect(canLocateLazily(['abaaba'])).toBe(false);
  });
});

describe('SeparatorSearch.lastCut', () => {
  // Greedy cutting of 'a\n\n\nb\n\n\n\nc' at '\n\n' from offset 1 cuts at 1, 5 and 7; the
  // occurrences at 2 and 6 overlap a cut and are not cuts.
  const text = 'a\n\n\nb\n\n\n\nc';

  it('finds the last greedy cut at or before an offset, not the last occurrence', () => {
    const search = new SeparatorSearch(text, ['\n\n']);
    const cutAt = (offset: number) => search.lastCut(0, offset, 1, text.length);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((offset) => cutAt(offset))).toEqual([
      -1, 1, 1, 1, 1, 5, 5, 7, 7, 7,
    ]);
  });

  it('counts the greedy cuts from the range start when it falls inside a run', () => {
    // A range starting at 1 is scanned from 2: its cuts are at 2, 5 and 7.
    const search = new SeparatorSearch(text, ['\n\n']);
    expect(search.lastCut(0, 3, 2, text.length)).toBe(2);
    expect(search.lastCut(0, 6, 2, text.length)).toBe(5);
  });

  it('finds no cut when the only occurrence before the offset lies below the range', () => {
    // The line range [3, 8) holds no space; the space at 1 belongs to the line before.
    const search = new SeparatorSearch('a b\ncccc', [' ']);
    expect(search.lastCut(0, 7, 4, 8)).toBe(-1);
    expect(search.lastCut(0, 7, 1, 8)).toBe(1);
  });

  it('ignores an occurrence that would end past the range', () => {
    const search = new SeparatorSearch(text, ['\n\n']);
    expect(search.lastCut(0, 8, 1, 8)).toBe(5);
  });
});
