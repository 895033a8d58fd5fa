import type { ChunkWarning } from '../types/index.js';
import type { Measure } from './measure.js';
import { separatorOffsets, type Unit } from './split-range.js';
import {
  codePointBoundaryAfter,
  skipWhitespaceBackward,
  skipWhitespaceForward,
  type TextRange,
} from './text-ranges.js';

/** What starting an overlap inside a unit needs (`refineInside`). */
export interface RefineOptions {
  text: string;
  measure: Measure;
  chunkOverlap: number;
  /** The separators a unit's `refineFrom` indexes, to start an overlap inside a unit. */
  separators: readonly string[];
}

export interface PackOptions extends RefineOptions {
  /** Contiguous units in document order. */
  units: readonly Unit[];
  chunkSize: number;
}

export interface PackResult {
  /** Trimmed, non-empty chunk ranges in order; `chunkIndex` of warnings counts these. */
  spans: TextRange[];
  warnings: ChunkWarning[];
}

/**
 * Packs units greedily into chunks of at most `chunkSize` (measured on the trimmed chunk),
 * then starts the next chunk far enough back to share about `chunkOverlap` with the previous
 * one: whole units first, then a finer separator inside the unit at the edge. Overlap between
 * half and all of `chunkOverlap` is honoured; less is reported as `overlap-reduced`.
 */
export function packUnits(options: PackOptions): PackResult {
  const { text, units, measure, chunkSize, chunkOverlap } = options;
  const spans: TextRange[] = [];
  const warnings: ChunkWarning[] = [];
  const count = units.length;
  let first = 0;
  let chunkStart = units[0]?.start ?? 0;
  while (first < count) {
    const firstUnit = units[first] as Unit;
    let last = first;
    if (measure(chunkStart, firstUnit.end) > chunkSize) {
      warnings.push(
        oversizedWarning(
          measure(firstUnit.start, firstUnit.end),
          firstUnit.start,
          chunkSize,
          spans.length,
        ),
      );
    } else {
      last = lastFitting(units, first, chunkStart, measure, chunkSize);
    }
    const end = (units[last] as Unit).end;
    const from = skipWhitespaceForward(text, chunkStart, end);
    const to = skipWhitespaceBackward(text, from, end);
    first = last + 1;
    // Empty, or only whitespace after the previous chunk: nothing new to keep.
    if (from === to || to <= (spans[spans.length - 1]?.end ?? 0)) {
      chunkStart = units[first]?.start ?? end;
      continue;
    }
    spans.push({ start: from, end: to });
    if (first >= count) break;
    chunkStart = (units[first] as Unit).start;
    if (chunkOverlap > 0) {
      chunkStart = overlapStart(
        options,
        { start: from, end: to },
        last,
        first,
        warnings,
        spans.length,
      );
    }
  }
  return { spans, warnings };
}

/** The last unit index that still fits after `chunkStart`: galloping, then binary search. */
function lastFitting(
  units: readonly Unit[],
  first: number,
  chunkStart: number,
  measure: Measure,
  chunkSize: number,
): number {
  const fits = (index: number) => measure(chunkStart, (units[index] as Unit).end) <= chunkSize;
  let low = first;
  let step = 1;
  while (low + step < units.length && fits(low + step)) {
    low += step;
    step *= 2;
  }
  let high = Math.min(units.length, low + step);
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/**
 * Where the chunk after `previous` starts: the earliest boundary after `previous.start` whose
 * text up to `previous.end` measures at most `chunkOverlap`, that still leaves room for the
 * next new unit within `chunkSize`.
 */
function overlapStart(
  options: PackOptions,
  previous: TextRange,
  last: number,
  next: number,
  warnings: ChunkWarning[],
  nextChunkIndex: number,
): number {
  const { units, measure, chunkOverlap, chunkSize } = options;
  const nextUnit = units[next] as Unit;
  // Candidates from latest to earliest; the first is "no overlap".
  const candidates: number[] = [nextUnit.start];
  let edge = last;
  for (; edge >= 0; edge--) {
    const start = (units[edge] as Unit).start;
    if (start <= previous.start || measure(start, previous.end) > chunkOverlap) break;
    candidates.push(start);
  }
  const earliest = candidates[candidates.length - 1] as number;
  const wholeUnitsSuffice =
    earliest < previous.end && measure(earliest, previous.end) * 2 >= chunkOverlap;
  if (edge >= 0 && !wholeUnitsSuffice) {
    const refined = refineInside(options, units[edge] as Unit, previous);
    if (refined !== undefined) candidates.push(refined);
  }
  let chosen = nextUnit.start;
  let lackedRoom = false;
  for (let index = candidates.length - 1; index >= 0; index--) {
    const candidate = candidates[index] as number;
    if (measure(candidate, nextUnit.end) <= chunkSize) {
      chosen = candidate;
      break;
    }
    lackedRoom = true;
  }
  const achieved = chosen < previous.end ? measure(chosen, previous.end) : 0;
  if (achieved * 2 < chunkOverlap) {
    const nextSize = lackedRoom ? measure(nextUnit.start, nextUnit.end) : undefined;
    warnings.push(
      overlapReducedWarning({ achieved, chunkOverlap, chunkSize, nextSize, nextChunkIndex }),
    );
  }
  return chosen;
}

/** The warning for a unit that alone exceeds `chunkSize` and is kept whole. */
export function oversizedWarning(
  size: number,
  offset: number,
  chunkSize: number,
  chunkIndex: number,
): ChunkWarning {
  return {
    type: 'oversized-unit',
    message: `A unit of length ${size} at offset ${offset} cannot be split further and exceeds chunkSize ${chunkSize}; it is kept whole.`,
    chunkIndex,
  };
}

/**
 * The warning for an overlap under half of `chunkOverlap`; `nextSize` is the next unit's
 * size when it left no room, undefined when no separator allowed a closer start.
 */
export function overlapReducedWarning(details: {
  achieved: number;
  chunkOverlap: number;
  chunkSize: number;
  nextSize: number | undefined;
  nextChunkIndex: number;
}): ChunkWarning {
  const { achieved, chunkOverlap, chunkSize, nextSize } = details;
  return {
    type: 'overlap-reduced',
    message:
      nextSize !== undefined
        ? `Overlap reduced to ${achieved} (asked ${chunkOverlap}): the next unit measures ${nextSize}, leaving no room for more within chunkSize ${chunkSize}.`
        : `Overlap reduced to ${achieved} (asked ${chunkOverlap}): the text before the cut has no boundary that a separator allows closer to ${chunkOverlap}.`,
    chunkIndex: details.nextChunkIndex,
  };
}

/**
 * The earliest offset inside `unit` (after the previous chunk's start) where a finer separator
 * starts and the rest up to `previous.end` measures at most `chunkOverlap`. A coarse
 * separator wins as soon as it gives at least half the overlap; otherwise the finest best.
 * `fitFrom`, when the caller knows it (character lengths), is the lowest offset that fits:
 * a separator that cannot overlap itself is then found with one bounded search.
 */
export function refineInside(
  options: RefineOptions,
  unit: Unit,
  previous: TextRange,
  fitFrom?: number,
): number | undefined {
  return refineBetween(options, {
    refineFrom: unit.refineFrom,
    lower: Math.max(unit.start, previous.start),
    upper: Math.min(unit.end, previous.end),
    previousEnd: previous.end,
    fitFrom,
  });
}

/** Where `refineBetween` looks for an overlap start inside the unit at a chunk's edge. */
export interface RefineEdge {
  /** The first separator (by index) that may cut inside the unit. */
  refineFrom: number;
  /** The unit's part inside the previous chunk: `[lower, upper)`. */
  lower: number;
  upper: number;
  /** Where the previous chunk ends: the overlap is measured up to here. */
  previousEnd: number;
  /** The lowest offset whose overlap fits, when lengths are characters; else undefined. */
  fitFrom: number | undefined;
}

/**
 * `refineInside` on plain offsets: candidates lie in `(lower, upper)`, the part of a unit
 * (refined from separator `refineFrom`) inside the previous chunk, which ends at
 * `previousEnd`. The character fast paths call it once per chunk, so it builds no closure.
 */
export function refineBetween(options: RefineOptions, edge: RefineEdge): number | undefined {
  const { text, separators, measure, chunkOverlap } = options;
  const { lower, upper, previousEnd, fitFrom } = edge;
  if (upper - lower < 2) return undefined;
  let best: number | undefined;
  let bestOverlap = -1;
  for (let index = edge.refineFrom; index < separators.length; index++) {
    const separator = separators[index] as string;
    let found: number | undefined;
    if (separator === '') {
      // Any code point boundary: binary search on offsets (the measure shrinks as they grow).
      let low = lower + 1;
      let high = upper;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (measure(middle, previousEnd) <= chunkOverlap) high = middle;
        else low = middle + 1;
      }
      if (low < upper) found = codePointBoundaryAfter(text, low);
    } else if (fitFrom !== undefined && !overlapsItself(separator)) {
      // Every occurrence is a cut, so the first one at or after fitFrom is the answer.
      const from = Math.max(lower + 1, fitFrom);
      const at =
        from < upper ? text.slice(from, upper + separator.length - 1).indexOf(separator) : -1;
      found = at === -1 ? undefined : from + at;
    } else {
      const offsets = separatorOffsets(text, separator, lower, upper);
      let low = 0;
      let high = offsets.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (measure(offsets[middle] as number, previousEnd) <= chunkOverlap) high = middle;
        else low = middle + 1;
      }
      found = offsets[low];
    }
    if (found === undefined || found >= upper) continue;
    const overlap = measure(found, previousEnd);
    if (overlap > bestOverlap) {
      best = found;
      bestOverlap = overlap;
    }
    if (overlap * 2 >= chunkOverlap) break;
  }
  return best;
}

/** True when two occurrences of `separator` can overlap ('\n\n' in '\n\n\n'): it has a border. */
export function overlapsItself(separator: string): boolean {
  for (let size = 1; size < separator.length; size++) {
    if (separator.startsWith(separator.slice(separator.length - size))) return true;
  }
  return false;
}
