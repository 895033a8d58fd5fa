import { overlapsItself } from './pack-units.js';

/**
 * How a separator repeats: `root` repeated `repeats` times. A separator whose occurrences
 * cannot overlap is its own root (`repeats` 1); '\n\n' is '\n' twice. Greedy left-to-right
 * cutting then places cuts inside a run of roots at every `repeats`-th root from the run's
 * start, which a backward search can reconstruct.
 */
interface SeparatorShape {
  root: string;
  repeats: number;
}

/**
 * The shape of `separator`, or undefined when its occurrences overlap in a way a backward
 * search cannot replay ('aba' in 'ababa': which one the greedy scan cut depends on history).
 */
function separatorShape(separator: string): SeparatorShape | undefined {
  const size = separator.length;
  let period = 1;
  while (period < size && !separator.startsWith(separator.slice(period))) period++;
  if (size % period !== 0) return undefined;
  const root = separator.slice(0, period);
  return overlapsItself(root) ? undefined : { root, repeats: size / period };
}

/** True when every separator can be located lazily (see `CharacterUnitLocator`). */
export function canLocateLazily(separators: readonly string[]): boolean {
  return separators.every(
    (separator) => separator === '' || separatorShape(separator) !== undefined,
  );
}

/**
 * Searches for the separators of one text, remembering per separator where the last forward
 * search started and what it found, so the packer's mostly-forward questions rarely scan the
 * same stretch twice. Scans are native: forward `indexOf`, and `lastIndexOf` for backward
 * questions. `lastIndexOf` is slower per code unit, but one call scans only from the offset
 * back to the answer, where forward searches over a window below it ran on to the next
 * occurrence past the offset (measured: 17.8 M code units scanned per pass of the benchmark
 * corpus before, 12.6 M after). A `charCodeAt` loop was slower than either.
 */
export class SeparatorSearch {
  private readonly text: string;
  private readonly separators: readonly string[];
  private readonly shapes: readonly (SeparatorShape | undefined)[];
  // Per separator: text.indexOf(separator, cursorFrom) is cursorAt (cursorFrom -1: unknown).
  private readonly cursorFrom: Int32Array;
  private readonly cursorAt: Int32Array;

  constructor(text: string, separators: readonly string[]) {
    this.text = text;
    this.separators = separators;
    this.shapes = separators.map((separator) =>
      separator === '' ? undefined : separatorShape(separator),
    );
    this.cursorFrom = new Int32Array(separators.length).fill(-1);
    this.cursorAt = new Int32Array(separators.length);
  }

  /**
   * The last cut the greedy scan of a range ending at `end` makes in `[lowest, offset]`, or
   * -1, where `lowest` is the range's start + 1 or a known cut: the last occurrence, moved
   * back to a multiple of the separator's length from the start of its run of roots when the
   * separator repeats a root ('\n\n').
   */
  lastCut(index: number, offset: number, lowest: number, end: number): number {
    const separator = this.separators[index] as string;
    const highest = Math.min(offset, end - separator.length);
    if (highest < lowest) return -1;
    const found = this.lastOccurrence(index, highest, lowest);
    const shape = this.shapes[index] as SeparatorShape;
    if (found === -1 || shape.repeats === 1) return found;
    const { root } = shape;
    let runStart = found;
    while (runStart - root.length >= lowest && this.text.startsWith(root, runStart - root.length)) {
      runStart -= root.length;
    }
    return runStart + Math.floor((found - runStart) / separator.length) * separator.length;
  }

  /**
   * The last occurrence of separator `index` starting in `[lowest, highest]`, or -1. With an
   * occurrence at `lowest` (a known cut, or the separator a range starts with), native
   * `lastIndexOf` stops there by itself; otherwise it runs on a view that ends the scan at
   * `lowest`, since the previous occurrence in the text may be far below.
   */
  private lastOccurrence(index: number, highest: number, lowest: number): number {
    const { text } = this;
    const separator = this.separators[index] as string;
    if (text.startsWith(separator, lowest)) return text.lastIndexOf(separator, highest);
    const at = text.slice(lowest, highest + separator.length).lastIndexOf(separator);
    return at === -1 ? -1 : lowest + at;
  }

  /** The first occurrence of separator `index` at or after `from` that ends by `end`, or -1. */
  firstOccurrence(index: number, from: number, end: number): number {
    const found = this.indexFrom(index, from);
    return found !== -1 && found + (this.separators[index] as string).length <= end ? found : -1;
  }

  /**
   * `text.indexOf(separator, from)`, remembered per separator: the answer holds for any later
   * `from` up to it, and an earlier `from` needs only the stretch up to the remembered one
   * searched, so no long paragraph is scanned twice for the same separator.
   */
  private indexFrom(index: number, from: number): number {
    const cachedFrom = this.cursorFrom[index] as number;
    const cachedAt = this.cursorAt[index] as number;
    if (cachedFrom !== -1 && from >= cachedFrom && (cachedAt === -1 || from <= cachedAt)) {
      return cachedAt;
    }
    const separator = this.separators[index] as string;
    let found: number;
    if (cachedFrom !== -1 && from < cachedFrom) {
      const at = this.text.slice(from, cachedFrom + separator.length - 1).indexOf(separator);
      found = at === -1 ? cachedAt : from + at;
    } else found = this.text.indexOf(separator, from);
    this.cursorFrom[index] = from;
    this.cursorAt[index] = found;
    return found;
  }

  /** True when every occurrence of separator `index` is a cut: it cannot overlap itself. */
  cutsAtEveryOccurrence(index: number): boolean {
    return this.shapes[index]?.repeats === 1;
  }

  /** `text.lastIndexOf(separator, at)`, for a caller that knows an occurrence stops it. */
  lastAtOrBefore(index: number, at: number): number {
    return this.text.lastIndexOf(this.separators[index] as string, at);
  }

  /** `text.indexOf(separator, from)`, without the remembered cursor. */
  nextAtOrAfter(index: number, from: number): number {
    return this.text.indexOf(this.separators[index] as string, from);
  }

  /** The first occurrence of separator `index` in `[from, before]`, known to be one at `before`. */
  firstUpTo(index: number, from: number, before: number): number {
    // The occurrence at `before` stops the scan there: no bounded copy of the text is needed.
    const found = this.text.indexOf(this.separators[index] as string, from);
    return found === -1 || found > before ? before : found;
  }
}
