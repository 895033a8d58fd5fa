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

/**
 * Chunk ranges in a typed array, in order: chunk i from `edges[2i]` to `edges[2i + 1]`
 * (offsets of a string fit in 31 bits). The packer fills one with no object per chunk; the
 * chunk objects are built afterwards, in one tight loop.
 */
export class SpanBuffer {
  edges: Int32Array;
  count = 0;

  constructor(expected = 64) {
    this.edges = new Int32Array(2 * Math.max(16, expected));
  }

  push(start: number, end: number): void {
    if (2 * this.count === this.edges.length) {
      const grown = new Int32Array(this.edges.length * 2);
      grown.set(this.edges);
      this.edges = grown;
    }
    this.edges[2 * this.count] = start;
    this.edges[2 * this.count + 1] = end;
    this.count++;
  }
}

/**
 * `packCharacterUnits` without the list of units: each chunk asks the locator for the unit
 * at its size limit (its end is the last boundary that fits) and, for the overlap, the unit
 * at the overlap's limit, so only the separators near chunk edges are ever searched. Same
 * chunks and warnings as `splitAndPack` with `characterLength` (a property test holds the
 * three paths equal). Chunk ranges go to `spans`, with no object per chunk; the warnings
 * are returned.
 */
export function packCharactersLazily(options: {
  text: string;
  chunkSize: number;
  chunkOverlap: number;
  separators: readonly string[];
  spans: SpanBuffer;
}): ChunkWarning[] {
  const { text, chunkSize, chunkOverlap, separators, spans } = options;
  const locator = new CharacterUnitLocator({ text, separators, chunkSize, chunkOverlap });
  const measure = createMeasure(text);
  const context: LazyOverlapContext = {
    text,
    measure,
    chunkOverlap,
    separators,
    chunkSize,
    nextEnd: -1,
    solidAt: -1,
    solidFrom: -1,
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
    const firstSolid =
      chunkStart === context.solidAt
        ? context.solidFrom
        : skipWhitespaceForward(text, chunkStart, length);
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
    spans.push(from, to);
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
  /** The first non-space at or after `solidAt`, found by `measureTo` (-1: none known). */
  solidAt: number;
  solidFrom: number;
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
  // The "edge" unit holds lowest - 1. Its end alone decides when whole units suffice, and
  // the locator can often find that end without stepping back (`endBefore`).
  let earliest = locator.endBefore(lowest - 1);
  let wholeUnitsSuffice =
    earliest !== -1 && earliest < to && measureTo(context, earliest, to) * 2 >= chunkOverlap;
  let refined: number | undefined;
  if (!wholeUnitsSuffice) {
    locator.locate(lowest - 1);
    earliest = locator.end;
    wholeUnitsSuffice = earliest < to && measureTo(context, earliest, to) * 2 >= chunkOverlap;
  }
  if (!wholeUnitsSuffice) {
    // One scratch object for all chunks: the overlap search allocates nothing per chunk.
    const { edge } = context;
    edge.refineFrom = locator.refineFrom;
    edge.lower = Math.max(locator.start, from);
    edge.upper = Math.min(earliest, to);
    edge.previousEnd = to;
    edge.fitFrom = overlapFrom;
    refined = refineBetween(context, edge);
  }
  // Earliest first, the first candidate that leaves room for the next unit wins.
  let chosen = nextStart;
  let lackedRoom = false;
  // The room check's bound, fitFrom(text, nextEnd, chunkSize), is at most nextEnd -
  // chunkSize: a whole-unit start at or past that has room without computing it.
  if (refined === undefined && earliest < nextStart && earliest >= nextEnd - chunkSize) {
    chosen = earliest;
  } else {
    const roomFrom = fitFrom(text, nextEnd, chunkSize);
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
  }
  locator.keepPieceStart(chosen);
  const achieved = chosen < to ? measureTo(context, chosen, to) : 0;
  if (achieved * 2 < chunkOverlap) {
    const nextSize = lackedRoom ? measure(nextStart, nextEnd) : undefined;
    warnings.push(
      overlapReducedWarning({ achieved, chunkOverlap, chunkSize, nextSize, nextChunkIndex }),
    );
  }
  return chosen;
}

/**
 * `measure(position, to)` for a trimmed end `to`. The chunk's leading whitespace is then
 * skipped once for the overlap's checks and the next chunk's start, not three times.
 */
function measureTo(context: LazyOverlapContext, position: number, to: number): number {
  if (position !== context.solidAt) {
    const solid = skipWhitespaceForward(context.text, position, to);
    // Below `to`, the bounded skip found what an unbounded one would.
    if (solid === to) return 0;
    context.solidAt = position;
    context.solidFrom = solid;
  }
  return context.solidFrom < to ? to - context.solidFrom : 0;
}
