import type { ChunkWarning } from '../types/index.js';
import type { CharacterUnits } from './character-units.js';
import { createMeasure } from './measure.js';
import {
  overlapReducedWarning,
  oversizedWarning,
  type PackResult,
  type RefineOptions,
  refineInside,
} from './pack-units.js';
import { skipWhitespaceBackward, skipWhitespaceForward, type TextRange } from './text-ranges.js';

/**
 * `packUnits` for units in typed arrays, measured in UTF-16 code units: the same greedy
 * packing, overlap search and warnings, step for step (a property test holds the two equal),
 * without unit objects, and with each "does it fit" question answered by comparing offsets
 * against a limit computed once per chunk instead of measuring again and again.
 */
export function packCharacterUnits(options: {
  text: string;
  units: CharacterUnits;
  chunkSize: number;
  chunkOverlap: number;
  separators: readonly string[];
}): PackResult {
  const { text, units, chunkSize, chunkOverlap, separators } = options;
  const { starts, count } = units;
  const measure = createMeasure(text);
  const endOf = (index: number): number =>
    index + 1 < count ? (starts[index + 1] as number) : text.length;
  const context: OverlapContext = {
    text,
    measure,
    chunkOverlap,
    separators,
    units,
    endOf,
    chunkSize,
  };
  const spans: TextRange[] = [];
  const warnings: ChunkWarning[] = [];
  let previousEnd = 0;
  let first = 0;
  let chunkStart = count > 0 ? (starts[0] as number) : 0;
  while (first < count) {
    let last = first;
    const firstEnd = endOf(first);
    const limit = fitLimit(text, chunkStart, chunkSize);
    if (firstEnd > limit) {
      const firstStart = starts[first] as number;
      const size = measure(firstStart, firstEnd);
      warnings.push(oversizedWarning(size, firstStart, chunkSize, spans.length));
    } else {
      last = lastEndingBy(units, first, limit, text.length);
    }
    const end = endOf(last);
    const from = skipWhitespaceForward(text, chunkStart, end);
    const to = skipWhitespaceBackward(text, from, end);
    first = last + 1;
    // Empty, or only whitespace after the previous chunk: nothing new to keep.
    if (from === to || to <= previousEnd) {
      chunkStart = first < count ? (starts[first] as number) : end;
      continue;
    }
    spans.push({ start: from, end: to });
    previousEnd = to;
    if (first >= count) break;
    chunkStart = starts[first] as number;
    if (chunkOverlap > 0) {
      chunkStart = overlapStart(context, from, to, last, warnings, spans.length);
    }
  }
  return { spans, warnings };
}

/**
 * The largest `end` with `measure(start, end) <= size`: the trimmed text from `start` may
 * reach `size` characters past its first non-space, plus any whitespace that follows.
 */
export function fitLimit(text: string, start: number, size: number): number {
  const reach = skipWhitespaceForward(text, start, text.length) + size;
  return reach >= text.length ? text.length : skipWhitespaceForward(text, reach, text.length);
}

/**
 * The smallest `start` with `measure(start, end) <= size`, for an `end` that follows a
 * non-space (or any `end`, counting from the last non-space before it): the run of
 * whitespace before the point `size` characters back may be skipped.
 */
export function fitFrom(text: string, end: number, size: number): number {
  return skipWhitespaceBackward(text, 0, skipWhitespaceBackward(text, 0, end) - size);
}

/** The last unit from `first` on that ends by `limit`: galloping, then binary search. */
function lastEndingBy(
  units: CharacterUnits,
  first: number,
  limit: number,
  textLength: number,
): number {
  const { starts, count } = units;
  // Unit i ends where unit i + 1 starts; the last one at the text's end.
  const endsBy = (index: number) =>
    (index + 1 < count ? (starts[index + 1] as number) : textLength) <= limit;
  let low = first;
  let step = 1;
  while (low + step < count && endsBy(low + step)) {
    low += step;
    step *= 2;
  }
  let high = Math.min(count, low + step);
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (endsBy(middle)) low = middle;
    else high = middle;
  }
  return low;
}

interface OverlapContext extends RefineOptions {
  units: CharacterUnits;
  endOf: (index: number) => number;
  chunkSize: number;
}

/**
 * Where the chunk after the previous one (`[from, to)`, ending with unit `last`) starts, as
 * in `packUnits`: candidates are the unit starts from `edge + 1` to `last` and the next
 * unit's start, earliest first, plus a finer boundary inside unit `edge` when whole units
 * give under half the overlap.
 */
function overlapStart(
  context: OverlapContext,
  from: number,
  to: number,
  last: number,
  warnings: ChunkWarning[],
  nextChunkIndex: number,
): number {
  const { text, units, endOf, measure, chunkOverlap, chunkSize } = context;
  const { starts, refineFrom } = units;
  const nextStart = starts[last + 1] as number;
  const nextEnd = endOf(last + 1);
  // Unit starts after `from` whose text up to `to` measures at most chunkOverlap.
  const overlapFrom = fitFrom(text, to, chunkOverlap);
  const lowest = Math.max(from + 1, overlapFrom);
  let edge = last;
  while (edge >= 0 && (starts[edge] as number) >= lowest) edge--;
  const earliest = edge < last ? (starts[edge + 1] as number) : nextStart;
  const wholeUnitsSuffice = earliest < to && measure(earliest, to) * 2 >= chunkOverlap;
  let refined: number | undefined;
  if (edge >= 0 && !wholeUnitsSuffice) {
    const unit = {
      start: starts[edge] as number,
      end: endOf(edge),
      refineFrom: refineFrom[edge] as number,
    };
    refined = refineInside(context, unit, { start: from, end: to }, overlapFrom);
  }
  // Earliest first, the first candidate that leaves room for the next unit wins.
  const roomFrom = fitFrom(text, nextEnd, chunkSize);
  let chosen = nextStart;
  let lackedRoom = false;
  if (refined !== undefined && refined >= roomFrom) chosen = refined;
  else {
    lackedRoom = refined !== undefined;
    let index = edge + 1;
    while (index <= last && (starts[index] as number) < roomFrom) index++;
    if (index <= last) chosen = starts[index] as number;
    if (index > edge + 1 || (index > last && nextStart < roomFrom)) lackedRoom = true;
  }
  const achieved = chosen < to ? measure(chosen, to) : 0;
  if (achieved * 2 < chunkOverlap) {
    const nextSize = lackedRoom ? measure(nextStart, nextEnd) : undefined;
    warnings.push(
      overlapReducedWarning({ achieved, chunkOverlap, chunkSize, nextSize, nextChunkIndex }),
    );
  }
  return chosen;
}
