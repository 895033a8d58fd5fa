/** A `[1]`, `[1, 3]` or `[2-4]` in the answer, with where it is. */
export interface CitationMarker {
  /** The passage numbers it names, in the order written. */
  numbers: number[];
  /** UTF-16 offsets of the marker in the answer text. */
  start: number;
  end: number;
}

const item = String.raw`\s*\d{1,6}\s*(?:[-–]\s*\d{1,6}\s*)?`;
const markerPattern = new RegExp(String.raw`\[(${item}(?:,${item})*)\]`, 'g');
// A range such as [1-999999] names no real passage list; expanding it fully would only
// produce noise, so ranges are capped.
const maxRangeLength = 100;

/** The citation markers in an answer, in order of appearance. */
export function findCitationMarkers(text: string): CitationMarker[] {
  const markers: CitationMarker[] = [];
  for (const match of text.matchAll(markerPattern)) {
    const numbers: number[] = [];
    for (const part of (match[1] as string).split(',')) {
      const [from, to] = part.split(/[-–]/).map((value) => Number.parseInt(value.trim(), 10));
      if (from === undefined) continue;
      const last = to === undefined ? from : Math.min(to, from + maxRangeLength);
      for (let number = from; number <= last; number++) numbers.push(number);
    }
    const start = match.index;
    markers.push({ numbers, start, end: start + match[0].length });
  }
  return markers;
}

/** The answer with its citation markers taken out (for matching words, not for display). */
export function withoutMarkers(text: string): string {
  return text.replace(markerPattern, ' ');
}
