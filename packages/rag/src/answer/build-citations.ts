import { segmentSentences } from '../chunkers/segment-sentences.js';
import { findCitationMarkers, withoutMarkers } from './citation-markers.js';
import { sourceOf } from './pack-passages.js';
import { pickQuote } from './pick-quote.js';
import type { AnswerWarning, Citation, Passage } from './types.js';

export interface BuiltCitations {
  citations: Citation[];
  warnings: AnswerWarning[];
}

/** The answer sentence around `offset`, plus the one before when it holds only markers. */
function claimAt(text: string, sentences: Array<{ start: number; end: number }>, offset: number) {
  const index = sentences.findIndex((range) => offset >= range.start && offset < range.end);
  if (index < 0) return '';
  const own = withoutMarkers(text.slice(sentences[index]?.start, sentences[index]?.end));
  if (/[\p{L}\p{N}]{3}/u.test(own) || index === 0) return own;
  const previous = sentences[index - 1] as { start: number; end: number };
  return withoutMarkers(text.slice(previous.start, previous.end)) + own;
}

/**
 * Maps the `[n]` markers of an answer to the passages they name: one citation per passage,
 * in order of first use, quoting the passage's sentence closest to the statements that cite
 * it. Numbers that name no passage are dropped with a warning.
 */
export function buildCitations(text: string, passages: Passage[]): BuiltCitations {
  const byNumber = new Map(passages.map((passage) => [passage.number, passage]));
  const claims = new Map<number, string[]>();
  const unknown = new Set<number>();
  const sentences = segmentSentences(text, 0, text.length);
  for (const marker of findCitationMarkers(text)) {
    const claim = claimAt(text, sentences, marker.start);
    for (const number of marker.numbers) {
      if (!byNumber.has(number)) {
        unknown.add(number);
        continue;
      }
      const list = claims.get(number);
      if (list) list.push(claim);
      else claims.set(number, [claim]);
    }
  }
  const citations: Citation[] = [];
  for (const [number, claimTexts] of claims) {
    const { chunk } = byNumber.get(number) as Passage;
    citations.push({
      passage: number,
      chunkId: chunk.id,
      documentId: chunk.documentId,
      source: sourceOf(chunk),
      ...pickQuote(chunk, claimTexts.join(' ')),
    });
  }
  const warnings: AnswerWarning[] = [];
  if (unknown.size > 0) {
    const numbers = [...unknown].sort((a, b) => a - b).map((number) => `[${number}]`);
    warnings.push({
      type: 'unknown-citation',
      message: `The answer cites ${numbers.join(', ')}, which name no passage (there were ${passages.length}); ${unknown.size === 1 ? 'it was' : 'they were'} dropped.`,
    });
  }
  return { citations, warnings };
}
