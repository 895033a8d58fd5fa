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
  // The depth whose piece is the unit last located, or -1 (a whole range, a window).
  private unitDepth = -1;
  // Piece starts proven by `endBefore` (the unit's start, the end it found) of the range at
  // `proofDepth` starting at `proofRange`, and the one the packer kept (`keepPieceStart`).
  private proofDepth = -1;
  private proofRange = -1;
  private proofStart = -1;
  private proofEnd = -1;
  private keptDepth = -1;
  private keptRange = -1;
  private keptStart = -1;
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
    if (this.stepForward(offset)) return;
    this.unitDepth = -1;
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
        this.unitDepth = depth;
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

  /**
   * `locate` for an offset past the unit last located, when that unit is a whole piece of a
   * range cut at every occurrence of a separator that cannot overlap itself ('\n', not
   * '\n\n') and the offset is in the same range: the piece holding it runs from the last
   * occurrence at or before it (the unit's end is one, so the backward search stops there at
   * the latest) to the next, and is the unit when it fits. Most of the packer's steps forward
   * are this one (line to line in a long paragraph), and it skips the general walk's checks.
   * For '\n\n' the general walk's remembered pieces and paragraph scan do better. False when
   * it does not apply.
   */
  private stepForward(offset: number): boolean {
    const depth = this.unitDepth;
    if (depth < 0 || offset < this.end) return false;
    const rangeEnd = this.rangeEnd[depth] as number;
    if (offset >= rangeEnd) return false;
    // Here the unit's end is below rangeEnd: a cut, an occurrence ending inside the range.
    const index = this.cutBy[depth] as number;
    if (!this.search.cutsAtEveryOccurrence(index)) return false;
    const size = (this.separators[index] as string).length;
    const cut = this.search.lastAtOrBefore(index, Math.min(offset, rangeEnd - size));
    let next = this.search.nextAtOrAfter(index, Math.max(cut + size, offset + 1));
    if (next === -1 || next + size > rangeEnd) next = rangeEnd;
    if (next - cut > this.chunkSize) return false;
    this.earlierStart[depth] = this.pieceStart[depth] as number;
    this.earlierEnd[depth] = this.pieceEnd[depth] as number;
    this.pieceStart[depth] = cut;
    this.pieceEnd[depth] = next;
    if (depth === 0) this.remember(cut, next);
    this.start = cut;
    this.end = next;
    this.refineFrom = index + 1;
    return true;
  }

  /**
   * The end of the unit holding `offset`, found with one forward search, or -1 when it cannot
   * be told without `locate` (which would move the cached path back). It can when the unit
   * last located is a whole piece of a range cut at every occurrence of its separator (as in
   * `stepForward`), `offset` lies in that range before it, and the piece holding `offset`
   * surely fits: it ends within `chunkSize` of a known piece start at or before `offset`
   * (see `knownCutBelow`). The overlap's step back from the next unit to the previous
   * chunk's edge asks this, and the path stays at the next unit, where the next chunk's walk
   * forward starts.
   */
  endBefore(offset: number): number {
    const depth = this.unitDepth;
    if (depth < 0 || offset >= this.start) return -1;
    const rangeStart = this.rangeStart[depth] as number;
    const index = this.cutBy[depth] as number;
    if (offset < rangeStart || !this.search.cutsAtEveryOccurrence(index)) return -1;
    this.proofDepth = depth;
    this.proofRange = rangeStart;
    this.proofStart = this.start;
    this.proofEnd = -1;
    // The unit's start is a cut: the search stops there at the latest.
    const end = this.search.firstUpTo(index, offset + 1, this.start);
    if (end - this.knownCutBelow(depth, offset) > this.chunkSize) return -1;
    this.proofEnd = end;
    return end;
  }

  /**
   * The last piece start of the range at `depth` known to be at or before `offset`: the
   * range's start, the one kept by the packer, and the ends of the pieces held or passed
   * before. Each belongs to this very range (a new range at a depth resets them).
   */
  private knownCutBelow(depth: number, offset: number): number {
    const rangeStart = this.rangeStart[depth] as number;
    let below = rangeStart;
    if (this.keptDepth === depth && this.keptRange === rangeStart && this.keptStart <= offset) {
      below = this.keptStart;
    }
    const earlier = this.earlierEnd[depth] as number;
    if (earlier > below && earlier <= offset) below = earlier;
    const passed = this.passedEnd[depth] as number;
    if (passed > below && passed <= offset) below = passed;
    return below;
  }

  /**
   * Keeps `position` as a known piece start for later `endBefore` calls when the last
   * `endBefore` proved it one (the packer starts the next chunk there); else forgets.
   */
  keepPieceStart(position: number): void {
    if (this.proofDepth >= 0 && (position === this.proofStart || position === this.proofEnd)) {
      this.keptDepth = this.proofDepth;
      this.keptRange = this.proofRange;
      this.keptStart = position;
    } else this.keptDepth = -1;
    this.proofDepth = -1;
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
