import { WeftError } from '@weft/core';
import type { ChunkWarning } from '../types/index.js';
import { CharacterUnitLocator } from './character-locator.js';
import { fitFrom } from './character-pack.js';
import { createMeasure, type Measure } from './measure.js';
import {
  overlapReducedWarning,
  oversizedWarning,
  type RefineEdge,
  type RefineOptions,
  refineBetween,
} from './pack-units.js';
import { skipWhitespaceBackward, skipWhitespaceForward } from './text-ranges.js';

/** Receives each chunk's trimmed range, in order. */
export type SpanSink = (start: number, end: number) => void;

/**
 * `packCharacterUnits` without the list of units: each chunk asks the locator for the unit
 * at its size limit (its end is the last boundary that fits) and, for the overlap, the unit
 * at the overlap's limit, so only the separators near chunk edges are ever searched. Same
 * chunks and warnings as `splitAndPack` with `characterLength` (a property test holds the
 * three paths equal). Chunk ranges go to `onSpan`, with no object per chunk; the warnings
 * are returned.
 */
export function packCharactersLazily(options: {
  text: string;
  chunkSize: number;
  chunkOverlap: number;
  separators: readonly string[];
  onSpan: SpanSink;
}): ChunkWarning[] {
  const { text, chunkSize, chunkOverlap, separators, onSpan } = options;
  const locator = new CharacterUnitLocator({ text, separators, chunkSize, chunkOverlap });
  const measure = createMeasure(text);
  const context: LazyOverlapContext = {
    text,
    measure,
    chunkOverlap,
    separators,
    chunkSize,
    nextEnd: -1,
    edge: { refineFrom: 0, lower: 0, upper: 0, previousEnd: 0, fitFrom: 0 },
  };
  const warnings: ChunkWarning[] = [];
  const length = text.length;
  let chunkCount = 0;
  let previousEnd = 0;
  // The first unit not yet in a chunk starts at nextStart; the chunk may start earlier.
  let nextStart = 0;
  let chunkStart = 0;
  while (nextStart < length) {
    // The overlap search located the next unit already; locating it again would only walk
    // the locator back from the overlap's edge.
    let firstEnd = context.nextEnd;
    if (firstEnd <= nextStart) {
      locator.locate(nextStart);
      firstEnd = locator.end;
    }
    context.nextEnd = -1;
    // fitLimit, keeping the chunk's first non-space: the trimmed start below is the same.
    const firstSolid = skipWhitespaceForward(text, chunkStart, length);
    const reach = firstSolid + chunkSize;
    const limit = reach >= length ? length : skipWhitespaceForward(text, reach, length);
    let end = firstEnd;
    if (firstEnd > limit) {
      const size = measure(nextStart, firstEnd);
      warnings.push(oversizedWarning(size, nextStart, chunkSize, chunkCount));
    } else if (limit >= length) {
      end = length;
    } else {
      // The last unit boundary at or before the limit: the start of the unit holding it.
      locator.locate(limit);
      end = locator.start;
    }
    // Units are never empty, so each step moves on; a locator fault must not loop forever.
    if (end <= nextStart) {
      throw new WeftError('internal', `recursiveChunker: no progress at offset ${nextStart}.`);
    }
    const from = Math.min(firstSolid, end);
    const to = skipWhitespaceBackward(text, from, end);
    nextStart = end;
    chunkStart = end;
    // Empty, or only whitespace after the previous chunk: nothing new to keep.
    if (from === to || to <= previousEnd) continue;
    onSpan(from, to);
    chunkCount++;
    previousEnd = to;
    if (end >= length) break;
    if (chunkOverlap > 0) {
      chunkStart = overlapStart(context, locator, from, to, end, warnings, chunkCount);
    }
  }
  return warnings;
}

interface LazyOverlapContext extends RefineOptions {
  measure: Measure;
  chunkSize: number;
  /** Set by `overlapStart`: the end of the unit starting at `nextStart`. */
  nextEnd: number;
  /** Scratch for `refineBetween`, refilled at each chunk. */
  edge: RefineEdge;
}

/**
 * Where the chunk after `[from, to)` starts when the next unit starts at `nextStart`: the
 * decisions of `packCharacterUnits`'s overlap search, asked of the locator. The "edge" unit
 * is the one holding `lowest - 1`; whole-unit candidates are the unit starts from its end up
 * to `nextStart`.
 */
function overlapStart(
  context: LazyOverlapContext,
  locator: CharacterUnitLocator,
  from: number,
  to: number,
  nextStart: number,
  warnings: ChunkWarning[],
  nextChunkIndex: number,
): number {
  const { text, measure, chunkOverlap, chunkSize } = context;
  locator.locate(nextStart);
  const nextEnd = locator.end;
  context.nextEnd = nextEnd;
  // fitFrom(text, to, chunkOverlap), `to` being a trimmed end already.
  const overlapFrom = skipWhitespaceBackward(text, 0, to - chunkOverlap);
  const lowest = Math.max(from + 1, overlapFrom);
  locator.locate(lowest - 1);
  const edgeStart = locator.start;
  const earliest = locator.end;
  const edgeRefineFrom = locator.refineFrom;
  const wholeUnitsSuffice = earliest < to && measure(earliest, to) * 2 >= chunkOverlap;
  let refined: number | undefined;
  if (!wholeUnitsSuffice) {
    // One scratch object for all chunks: the overlap search allocates nothing per chunk.
    const { edge } = context;
    edge.refineFrom = edgeRefineFrom;
    edge.lower = Math.max(edgeStart, from);
    edge.upper = Math.min(earliest, to);
    edge.previousEnd = to;
    edge.fitFrom = overlapFrom;
    refined = refineBetween(context, edge);
  }
  // Earliest first, the first candidate that leaves room for the next unit wins.
  const roomFrom = fitFrom(text, nextEnd, chunkSize);
  let chosen = nextStart;
  let lackedRoom = false;
  if (refined !== undefined && refined >= roomFrom) chosen = refined;
  else {
    lackedRoom = refined !== undefined;
    if (earliest < nextStart) {
      if (earliest >= roomFrom) chosen = earliest;
      else {
        // Unit starts before roomFrom were skipped for lack of room.
        lackedRoom = true;
        if (roomFrom < nextStart) {
          locator.locate(roomFrom);
          const boundary = locator.start === roomFrom ? roomFrom : locator.end;
          if (boundary < nextStart) chosen = boundary;
        }
      }
    } else if (nextStart < roomFrom) lackedRoom = true;
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
