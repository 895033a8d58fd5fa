import type { Measure } from './measure.js';
import { codePointBoundaryBefore, nextCodePoint, type TextRange } from './text-ranges.js';

/**
 * A piece of text the packer places whole into a chunk. `refineFrom` is the first separator
 * (by index) that may still cut inside it, used only to start an overlap inside the unit;
 * `separators.length` means "never cut inside" (a code fence, a single code point).
 */
export interface Unit extends TextRange {
  refineFrom: number;
}

/** What the recursive split needs to know; `cursors` caches separator searches. */
export interface SplitContext {
  text: string;
  separators: readonly string[];
  measure: Measure;
  chunkSize: number;
  /** Window size for the `''` separator when lengths are characters (see `splitCodePoints`). */
  characterWindow?: number;
  /** Per separator, the last `indexOf` result; searches move left to right, so it stays valid. */
  cursors: number[];
}

/** A fresh context for one text. */
export function createSplitContext(
  text: string,
  separators: readonly string[],
  measure: Measure,
  chunkSize: number,
  characterWindow?: number,
): SplitContext {
  return {
    text,
    separators,
    measure,
    chunkSize,
    characterWindow,
    cursors: separators.map(() => -2),
  };
}

/**
 * Appends the units of `[start, end)` to `out`: the range whole when it fits in `chunkSize`,
 * otherwise cut at the first separator (from `level` on) that occurs inside it, each piece
 * placed or cut again with the finer separators. A piece starts at its separator, so the
 * units tile the range exactly and every offset is known without searching the output.
 */
export function splitRange(
  context: SplitContext,
  start: number,
  end: number,
  level: number,
  out: Unit[],
): void {
  if (start >= end) return;
  // With characters the raw length bounds the trimmed one: most pieces fit without trimming.
  const fitsRaw = context.characterWindow !== undefined && end - start <= context.chunkSize;
  if (fitsRaw || context.measure(start, end) <= context.chunkSize) {
    out.push({ start, end, refineFrom: level });
    return;
  }
  const { separators } = context;
  for (let index = level; index < separators.length; index++) {
    const separator = separators[index] as string;
    if (separator === '') {
      splitCodePoints(context, start, end, index, out);
      return;
    }
    let cut = findSeparator(context, index, start + 1, end);
    if (cut === -1) continue;
    let pieceStart = start;
    while (cut !== -1) {
      splitRange(context, pieceStart, cut, index + 1, out);
      pieceStart = cut;
      cut = findSeparator(context, index, cut + separator.length, end);
    }
    splitRange(context, pieceStart, end, index + 1, out);
    return;
  }
  // No separator left: an unsplittable unit, which the packer reports when it is too long.
  out.push({ start, end, refineFrom: separators.length });
}

/** The first occurrence of separator `index` in `[from, end)`, or -1. */
function findSeparator(context: SplitContext, index: number, from: number, end: number): number {
  const separator = context.separators[index] as string;
  let found = context.cursors[index] as number;
  if (found !== -1 && found < from) {
    found = context.text.indexOf(separator, from);
    context.cursors[index] = found;
  }
  return found !== -1 && found + separator.length <= end ? found : -1;
}

/**
 * The last resort: code points as units (never half a surrogate pair). When lengths are
 * characters the units are windows of `characterWindow` code units instead, so a megabyte
 * without a space is not a million units; overlaps may still start at any code point in them.
 */
function splitCodePoints(
  context: SplitContext,
  start: number,
  end: number,
  index: number,
  out: Unit[],
): void {
  const { text, characterWindow } = context;
  if (characterWindow !== undefined) {
    for (let position = start; position < end; ) {
      let cut = codePointBoundaryBefore(text, Math.min(end, position + characterWindow));
      if (cut <= position) cut = nextCodePoint(text, position);
      out.push({ start: position, end: cut, refineFrom: index });
      position = cut;
    }
    return;
  }
  for (let position = start; position < end; ) {
    const cut = nextCodePoint(text, position);
    out.push({ start: position, end: cut, refineFrom: index + 1 });
    position = cut;
  }
}

/** Every offset in `(lower, upper)` where separator `separator` starts. */
export function separatorOffsets(
  text: string,
  separator: string,
  lower: number,
  upper: number,
): number[] {
  const offsets: number[] = [];
  for (
    let found = text.indexOf(separator, lower + 1);
    found !== -1 && found < upper;
    found = text.indexOf(separator, found + separator.length)
  ) {
    offsets.push(found);
  }
  return offsets;
}
