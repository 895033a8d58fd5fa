/**
 * Invariants every chunker must keep, shared by the chunkers' tests (not exported by the
 * package). Each returns a description of the first violation, or undefined.
 */
import type { Chunk, ChunkWarning, LengthFunction } from '../types/index.js';
import { isWhitespace, splitsSurrogatePair } from './text-ranges.js';

/** `text.slice(start, end) === chunk.text`, no edge inside a surrogate pair, indexes in order. */
export function offsetViolation(text: string, chunks: readonly Chunk[]): string | undefined {
  for (const [position, chunk] of chunks.entries()) {
    if (chunk.index !== position) return `chunk ${position} has index ${chunk.index}`;
    if (!(chunk.start >= 0 && chunk.start < chunk.end && chunk.end <= text.length)) {
      return `chunk ${position} has bad range [${chunk.start}, ${chunk.end})`;
    }
    if (text.slice(chunk.start, chunk.end) !== chunk.text) return `chunk ${position} text differs`;
    if (splitsSurrogatePair(text, chunk.start) || splitsSurrogatePair(text, chunk.end)) {
      return `chunk ${position} splits a surrogate pair`;
    }
  }
  return undefined;
}

/** Starts and ends strictly increase, and every non-whitespace character is in a chunk. */
export function coverageViolation(text: string, chunks: readonly Chunk[]): string | undefined {
  let covered = 0;
  for (const [position, chunk] of chunks.entries()) {
    const previous = chunks[position - 1];
    if (previous && !(chunk.start > previous.start && chunk.end > previous.end)) {
      return `chunk ${position} is not after chunk ${position - 1}`;
    }
    for (let offset = covered; offset < chunk.start; offset++) {
      if (!isWhitespace(text.charCodeAt(offset))) return `offset ${offset} is in no chunk`;
    }
    covered = Math.max(covered, chunk.end);
  }
  for (let offset = covered; offset < text.length; offset++) {
    if (!isWhitespace(text.charCodeAt(offset))) return `offset ${offset} is in no chunk`;
  }
  return undefined;
}

/** Every chunk measures at most `chunkSize`, unless a warning reports it as oversized. */
export function sizeViolation(
  chunks: readonly Chunk[],
  warnings: readonly ChunkWarning[],
  chunkSize: number,
  length: LengthFunction,
): string | undefined {
  const oversized = new Set(
    warnings.filter((w) => w.type === 'oversized-unit').map((w) => w.chunkIndex),
  );
  for (const chunk of chunks) {
    const size = length(chunk.text);
    if (size > chunkSize && !oversized.has(chunk.index)) {
      return `chunk ${chunk.index} measures ${size} > ${chunkSize} without a warning`;
    }
  }
  return undefined;
}

/**
 * Consecutive chunks share at most `chunkOverlap`, and at least half of it unless a warning
 * says why. `sameGroup` limits the check to neighbours that may overlap (e.g. one section).
 */
export function overlapViolation(
  text: string,
  chunks: readonly Chunk[],
  warnings: readonly ChunkWarning[],
  chunkOverlap: number,
  length: LengthFunction,
  sameGroup: (a: Chunk, b: Chunk) => boolean = () => true,
): string | undefined {
  const reduced = new Set(
    warnings.filter((w) => w.type === 'overlap-reduced').map((w) => w.chunkIndex),
  );
  for (let index = 1; index < chunks.length; index++) {
    const previous = chunks[index - 1] as Chunk;
    const chunk = chunks[index] as Chunk;
    if (!sameGroup(previous, chunk)) continue;
    const shared =
      chunk.start < previous.end ? length(text.slice(chunk.start, previous.end).trim()) : 0;
    if (shared > chunkOverlap)
      return `chunks ${index - 1} and ${index} share ${shared} > ${chunkOverlap}`;
    if (shared * 2 < chunkOverlap && !reduced.has(index)) {
      return `chunks ${index - 1} and ${index} share ${shared}, under half of ${chunkOverlap}, without a warning`;
    }
  }
  return undefined;
}
