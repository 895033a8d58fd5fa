import { segmentSentences } from '../chunkers/segment-sentences.js';
import type { Chunk } from '../types/index.js';

/** A verbatim span of a chunk with its offsets in the document. */
export interface Quote {
  quote: string;
  start: number;
  end: number;
}

const wordPattern = /[\p{L}\p{N}]+/gu;
// Words this short or this common say nothing about which sentence a claim came from.
const ignored = new Set(
  'the and for are was were that this with from into its has have had not but can you your they their them what which when where who how than then also only such'.split(
    ' ',
  ),
);

/** The distinctive words of a text, lower-cased. */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.toLowerCase().matchAll(wordPattern)) {
    const word = match[0];
    if (word.length >= 3 && !ignored.has(word)) words.add(word);
  }
  return words;
}

/** The range with its surrounding whitespace left out. */
function trimmed(text: string, start: number, end: number): [number, number] {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text[from] as string)) from++;
  while (to > from && /\s/u.test(text[to - 1] as string)) to--;
  return [from, to];
}

/**
 * The sentence of `chunk` that shares the most words with `claim` (what the answer says
 * where it cites the chunk), or the whole chunk when no sentence shares any. The quote is
 * always `chunk.text.slice(...)`, so its document offsets are exact.
 */
export function pickQuote(chunk: Chunk, claim: string): Quote {
  const claimWords = contentWords(claim);
  let best: [number, number] = trimmed(chunk.text, 0, chunk.text.length);
  let bestScore = 0;
  if (claimWords.size > 0) {
    for (const range of segmentSentences(chunk.text, 0, chunk.text.length)) {
      const [from, to] = trimmed(chunk.text, range.start, range.end);
      if (from === to) continue;
      let score = 0;
      for (const word of contentWords(chunk.text.slice(from, to))) {
        if (claimWords.has(word)) score++;
      }
      if (score > bestScore) {
        bestScore = score;
        best = [from, to];
      }
    }
  }
  const [from, to] = best;
  return { quote: chunk.text.slice(from, to), start: chunk.start + from, end: chunk.start + to };
}
