import type { TextRange } from './text-ranges.js';

/** Sentence ends for the fallback: terminal punctuation (with closing quotes) then space. */
// CJK full stops end a sentence without a following space.
const sentenceEnd = /[.!?]+["'”’)\]]*(?:\s+|$)|[。！？]+["'”’)\]]*\s*|\n{2,}/g;

/**
 * Sentences of `text` as ranges that tile `[start, end)` exactly (trailing space stays with
 * its sentence). `Intl.Segmenter` where the runtime has it, a punctuation rule otherwise.
 */
export function segmentSentences(
  text: string,
  start: number,
  end: number,
  locale = 'en',
): TextRange[] {
  const ranges: TextRange[] = [];
  const slice = text.slice(start, end);
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    for (const segment of segmenter.segment(slice)) {
      const from = start + segment.index;
      ranges.push({ start: from, end: from + segment.segment.length });
    }
    return ranges;
  }
  return segmentWithPunctuation(slice, start);
}

/** The fallback segmentation, exported for tests on runtimes that have `Intl.Segmenter`. */
export function segmentWithPunctuation(slice: string, offset: number): TextRange[] {
  const ranges: TextRange[] = [];
  let from = 0;
  sentenceEnd.lastIndex = 0;
  for (let match = sentenceEnd.exec(slice); match !== null; match = sentenceEnd.exec(slice)) {
    const to = match.index + match[0].length;
    if (to === match.index) {
      sentenceEnd.lastIndex++;
      continue;
    }
    ranges.push({ start: offset + from, end: offset + to });
    from = to;
  }
  if (from < slice.length) ranges.push({ start: offset + from, end: offset + slice.length });
  return ranges;
}
