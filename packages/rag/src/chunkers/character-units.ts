import {
  codePointBoundaryBefore,
  nextCodePoint,
  skipWhitespaceBackward,
  skipWhitespaceForward,
} from './text-ranges.js';

/**
 * The units of a text, as `splitRange` would make them with `characterLength`, held in typed
 * arrays: unit `i` is `[starts[i], starts[i + 1])` (the last ends at the text's end) and may be
 * refined from separator `refineFrom[i]`. Units tile the text, so ends need no storage.
 */
export interface CharacterUnits {
  starts: Int32Array;
  refineFrom: Int32Array;
  count: number;
}

/**
 * Splits all of `text` into units with the separator hierarchy, measuring in UTF-16 code
 * units: the same cuts as `splitRange` with `characterLength` and a window of
 * `chunkSize - chunkOverlap` for `''`, without an object per unit (the fast path of the
 * recursive chunker, where a unit object per line cost more than finding the line).
 */
export function splitCharacterUnits(
  text: string,
  separators: readonly string[],
  chunkSize: number,
  chunkOverlap: number,
): CharacterUnits {
  const window = chunkSize - chunkOverlap;
  const cursors = separators.map(() => -2);
  let starts = new Int32Array(Math.max(16, text.length >>> 6));
  let refineFrom = new Int32Array(starts.length);
  let count = 0;

  const push = (start: number, refine: number): void => {
    if (count === starts.length) {
      const grownStarts = new Int32Array(count * 2);
      grownStarts.set(starts);
      starts = grownStarts;
      const grownRefine = new Int32Array(count * 2);
      grownRefine.set(refineFrom);
      refineFrom = grownRefine;
    }
    starts[count] = start;
    refineFrom[count] = refine;
    count++;
  };

  // The first occurrence of separator `index` at or after `from` that ends by `end`, or -1.
  // `from` only grows per separator (pieces are visited in order), so a cached hit stays valid.
  const find = (index: number, from: number, end: number): number => {
    const separator = separators[index] as string;
    let found = cursors[index] as number;
    if (found !== -1 && found < from) {
      found = text.indexOf(separator, from);
      cursors[index] = found;
    }
    return found !== -1 && found + separator.length <= end ? found : -1;
  };

  // Fits when the trimmed range is at most chunkSize; the raw length decides most ranges.
  const fits = (start: number, end: number): boolean => {
    if (end - start <= chunkSize) return true;
    const from = skipWhitespaceForward(text, start, end);
    return skipWhitespaceBackward(text, from, end) - from <= chunkSize;
  };

  const split = (start: number, end: number, level: number): void => {
    if (start >= end) return;
    if (fits(start, end)) {
      push(start, level);
      return;
    }
    for (let index = level; index < separators.length; index++) {
      const separator = separators[index] as string;
      if (separator === '') {
        for (let position = start; position < end; ) {
          let cut = codePointBoundaryBefore(text, Math.min(end, position + window));
          if (cut <= position) cut = nextCodePoint(text, position);
          push(position, index);
          position = cut;
        }
        return;
      }
      let cut = find(index, start + 1, end);
      if (cut === -1) continue;
      const next = index + 1;
      let pieceStart = start;
      while (cut !== -1) {
        // Most pieces (lines, words) fit: place them without a call.
        if (cut - pieceStart <= chunkSize && cut > pieceStart) push(pieceStart, next);
        else split(pieceStart, cut, next);
        pieceStart = cut;
        cut = find(index, cut + separator.length, end);
      }
      split(pieceStart, end, next);
      return;
    }
    push(start, separators.length);
  };

  split(0, text.length, 0);
  return { starts, refineFrom, count };
}
