import { SeparatorSearch } from './separator-search.js';
import {
  codePointBoundaryBefore,
  nextCodePoint,
  skipWhitespaceBackward,
  skipWhitespaceForward,
} from './text-ranges.js';

const unknown = 0;
const leaf = 1;
const split = 2;
const windows = 3;
/** Top-level pieces remembered (`knownStart`): the overlap steps back a few at most. */
const knownPieces = 8;

/**
 * Finds the unit that contains an offset, as `splitCharacterUnits` would cut it, without
 * listing the units before it: the recursive split is replayed only along the path to that
 * offset (the range at each depth, the separator that cuts it, the piece holding the offset),
 * and that path is cached, so the mostly-forward queries of the packer touch each region of
 * the text a few times instead of visiting every separator occurrence in it.
 *
 * After `locate(offset)`, `start`, `end` and `refineFrom` describe the unit.
 */
export class CharacterUnitLocator {
  start = 0;
  end = 0;
  refineFrom = 0;
  private readonly text: string;
  private readonly separators: readonly string[];
  private readonly search: SeparatorSearch;
  private readonly chunkSize: number;
  private readonly window: number;
  // Per depth: the range [rangeStart, rangeEnd) split from separator rangeLevel on, how it is
  // cut (kind, by separator cutBy), and the piece of it that held the last query.
  private readonly rangeStart: Int32Array;
  private readonly rangeEnd: Int32Array;
  private readonly rangeLevel: Int32Array;
  private readonly kind: Int32Array;
  private readonly cutBy: Int32Array;
  private readonly pieceStart: Int32Array;
  private readonly pieceEnd: Int32Array;
  // The piece held before, so the overlap's step back into it costs no search.
  private readonly earlierStart: Int32Array;
  private readonly earlierEnd: Int32Array;
  // The piece a forward walk passed last, just before the new one: the overlap's step back
  // usually lands in it.
  private readonly passedStart: Int32Array;
  private readonly passedEnd: Int32Array;
  // A ring of the last top-level pieces found (the top range, the whole text, never changes):
  // the forward walk passes several short paragraphs per chunk, and the overlap's step back
  // lands in one of them more often than in the last (on the benchmark corpus, backward
  // '\n\n' searches per pass fell from 3,312 scanning 1.04 M code units to 1,124 scanning
  // 0.12 M). Lower levels gain nothing: their walk jumps over most pieces.
  private readonly knownStart = new Int32Array(knownPieces);
  private readonly knownEnd = new Int32Array(knownPieces);
  private knownNext = 0;

  constructor(options: {
    text: string;
    separators: readonly string[];
    chunkSize: number;
    chunkOverlap: number;
  }) {
    const { text, separators, chunkSize, chunkOverlap } = options;
    this.text = text;
    this.separators = separators;
    this.search = new SeparatorSearch(text, separators);
    this.chunkSize = chunkSize;
    this.window = chunkSize - chunkOverlap;
    const depths = separators.length + 2;
    this.rangeStart = new Int32Array(depths);
    this.rangeEnd = new Int32Array(depths);
    this.rangeLevel = new Int32Array(depths);
    this.kind = new Int32Array(depths);
    this.cutBy = new Int32Array(depths);
    this.pieceStart = new Int32Array(depths);
    this.pieceEnd = new Int32Array(depths);
    this.earlierStart = new Int32Array(depths);
    this.earlierEnd = new Int32Array(depths);
    this.passedStart = new Int32Array(depths);
    this.passedEnd = new Int32Array(depths);
    this.rangeEnd[0] = text.length;
  }

  /** Describes the unit holding `offset` (0 <= offset < text.length) in start, end, refineFrom. */
  locate(offset: number): void {
    // The packer often asks again about the unit it just asked about.
    if (offset >= this.start && offset < this.end) return;
    for (let depth = 0; ; depth++) {
      if (this.kind[depth] === unknown) this.decide(depth);
      const kind = this.kind[depth];
      if (kind === leaf) {
        this.start = this.rangeStart[depth] as number;
        this.end = this.rangeEnd[depth] as number;
        this.refineFrom = this.cutBy[depth] as number;
        return;
      }
      if (kind === windows) {
        this.locateWindow(depth, offset);
        return;
      }
      if (
        offset < (this.pieceStart[depth] as number) ||
        offset >= (this.pieceEnd[depth] as number)
      ) {
        this.findPiece(depth, offset);
      }
      const start = this.pieceStart[depth] as number;
      const end = this.pieceEnd[depth] as number;
      const next = (this.cutBy[depth] as number) + 1;
      // Most pieces (lines, words) fit whole: no deeper level to set up.
      if (end - start <= this.chunkSize) {
        this.start = start;
        this.end = end;
        this.refineFrom = next;
        return;
      }
      const child = depth + 1;
      if (this.rangeStart[child] !== start || this.rangeEnd[child] !== end) {
        this.rangeStart[child] = start;
        this.rangeEnd[child] = end;
        this.rangeLevel[child] = next;
        this.kind[child] = unknown;
      }
    }
  }

  /** How the range at `depth` is cut: whole, by the first separator in it, or in windows. */
  private decide(depth: number): void {
    const start = this.rangeStart[depth] as number;
    const end = this.rangeEnd[depth] as number;
    const level = this.rangeLevel[depth] as number;
    this.pieceStart[depth] = 0;
    this.pieceEnd[depth] = 0;
    this.earlierStart[depth] = 0;
    this.earlierEnd[depth] = 0;
    this.passedStart[depth] = 0;
    this.passedEnd[depth] = 0;
    if (this.fits(start, end)) {
      this.kind[depth] = leaf;
      this.cutBy[depth] = level;
      return;
    }
    for (let index = level; index < this.separators.length; index++) {
      if (this.separators[index] === '') {
        this.kind[depth] = windows;
        this.cutBy[depth] = index;
        this.pieceStart[depth] = start;
        this.pieceEnd[depth] = start;
        this.earlierStart[depth] = start;
        return;
      }
      const found = this.search.firstOccurrence(index, start + 1, end);
      if (found === -1) continue;
      this.kind[depth] = split;
      this.cutBy[depth] = index;
      this.pieceStart[depth] = start;
      this.pieceEnd[depth] = found;
      return;
    }
    // No separator left: an unsplittable unit, reported by the packer when too long.
    this.kind[depth] = leaf;
    this.cutBy[depth] = this.separators.length;
  }

  /** Fits when the trimmed range is at most chunkSize; the raw length decides most ranges. */
  private fits(start: number, end: number): boolean {
    if (end - start <= this.chunkSize) return true;
    const from = skipWhitespaceForward(this.text, start, end);
    return skipWhitespaceBackward(this.text, from, end) - from <= this.chunkSize;
  }

  /**
   * Sets the piece at `depth` to the one holding `offset`: from the last cut at or before it
   * to the next cut. The current piece bounds both searches: moving forward, its end is a cut
   * the backward search need not pass; moving back, its start is a cut the forward one will
   * reach, so neither scans a long paragraph twice.
   */
  private findPiece(depth: number, offset: number): void {
    const currentStart = this.pieceStart[depth] as number;
    const currentEnd = this.pieceEnd[depth] as number;
    if (
      offset >= (this.earlierStart[depth] as number) &&
      offset < (this.earlierEnd[depth] as number)
    ) {
      this.pieceStart[depth] = this.earlierStart[depth] as number;
      this.pieceEnd[depth] = this.earlierEnd[depth] as number;
      this.earlierStart[depth] = currentStart;
      this.earlierEnd[depth] = currentEnd;
      return;
    }
    if (
      offset >= (this.passedStart[depth] as number) &&
      offset < (this.passedEnd[depth] as number)
    ) {
      this.pieceStart[depth] = this.passedStart[depth] as number;
      this.pieceEnd[depth] = this.passedEnd[depth] as number;
      this.earlierStart[depth] = currentStart;
      this.earlierEnd[depth] = currentEnd;
      return;
    }
    // Only the overlap's step back returns to pieces passed before.
    if (depth === 0 && offset < currentStart && this.recall(offset)) {
      this.earlierStart[depth] = currentStart;
      this.earlierEnd[depth] = currentEnd;
      return;
    }
    const start = this.rangeStart[depth] as number;
    const end = this.rangeEnd[depth] as number;
    const index = this.cutBy[depth] as number;
    const size = (this.separators[index] as string).length;
    let pieceStart: number;
    let next: number;
    // Moving forward, the furthest known cut before the offset bounds the search.
    const earlierEnd = this.earlierEnd[depth] as number;
    // The earlier piece's end is a cut when it is below the offset (the range ends above).
    const earlierCut = earlierEnd > (this.earlierStart[depth] as number) && earlierEnd <= offset;
    const knownCut = earlierCut && earlierEnd > currentEnd ? earlierEnd : currentEnd;
    const pieceSize = currentEnd - currentStart;
    if (pieceSize > 0 && offset >= knownCut && offset - knownCut < 4 * pieceSize) {
      // Near a known cut, where pieces are long: the next few cuts by forward search (which
      // also gives the piece's end), then a backward search from the offset if still short.
      let cut = knownCut;
      next = this.search.firstOccurrence(index, cut + size, end);
      for (let step = 0; step < 3 && next !== -1 && next <= offset; step++) {
        this.passedStart[depth] = cut;
        this.passedEnd[depth] = next;
        if (depth === 0) this.remember(cut, next);
        cut = next;
        next = this.search.firstOccurrence(index, cut + size, end);
      }
      if (next !== -1 && next <= offset) {
        cut = this.search.lastCut(index, offset, next, end);
        next = this.search.firstOccurrence(index, Math.max(cut + size, offset + 1), end);
      }
      pieceStart = cut;
    } else {
      // Moving back, the earlier piece's end may still bound the search from below.
      let lowest = start + 1;
      if (pieceSize > 0 && offset >= knownCut) lowest = knownCut;
      else if (earlierCut) lowest = earlierEnd;
      const cut = this.search.lastCut(index, offset, lowest, end);
      pieceStart = cut === -1 ? start : cut;
      // No cut lies in [cut + size, offset] (cut is the last one), so the next is searched
      // from past the offset: the stretch before it is not scanned again.
      const from = Math.max(cut === -1 ? start + 1 : cut + size, offset + 1);
      if (currentEnd > currentStart && offset < currentStart) {
        // The current piece's start is a cut: the next one is found by then at the latest.
        next = this.search.firstUpTo(index, from, currentStart);
      } else next = this.search.firstOccurrence(index, from, end);
    }
    this.earlierStart[depth] = currentStart;
    this.earlierEnd[depth] = currentEnd;
    this.pieceStart[depth] = pieceStart;
    this.pieceEnd[depth] = next === -1 ? end : next;
    if (depth === 0) this.remember(pieceStart, next === -1 ? end : next);
  }

  /** Makes the remembered top-level piece holding `offset` the current one; false if none is. */
  private recall(offset: number): boolean {
    for (let slot = 0; slot < knownPieces; slot++) {
      const start = this.knownStart[slot] as number;
      const end = this.knownEnd[slot] as number;
      // Unused slots are [0, 0): they hold no offset.
      if (offset >= start && offset < end) {
        this.pieceStart[0] = start;
        this.pieceEnd[0] = end;
        return true;
      }
    }
    return false;
  }

  /** Adds the exact top-level piece `[start, end)` to the ring, over the oldest. */
  private remember(start: number, end: number): void {
    this.knownStart[this.knownNext] = start;
    this.knownEnd[this.knownNext] = end;
    this.knownNext = (this.knownNext + 1) % knownPieces;
  }

  /** The `''` level: consecutive windows of `chunkSize - chunkOverlap` code units. */
  private locateWindow(depth: number, offset: number): void {
    const { text } = this;
    const end = this.rangeEnd[depth] as number;
    let previous = this.earlierStart[depth] as number;
    let position = this.pieceStart[depth] as number;
    // The overlap steps back about one window: the window before the current one is kept.
    if (position > offset) {
      const earlierStart = this.earlierStart[depth] as number;
      position =
        earlierStart <= offset && earlierStart < position
          ? earlierStart
          : (this.rangeStart[depth] as number);
      previous = position;
    }
    for (;;) {
      let cut = codePointBoundaryBefore(text, Math.min(end, position + this.window));
      if (cut <= position) cut = nextCodePoint(text, position);
      if (offset < cut) {
        this.earlierStart[depth] = previous;
        this.pieceStart[depth] = position;
        this.pieceEnd[depth] = cut;
        this.start = position;
        this.end = cut;
        this.refineFrom = this.cutBy[depth] as number;
        return;
      }
      previous = position;
      position = cut;
    }
  }
}
