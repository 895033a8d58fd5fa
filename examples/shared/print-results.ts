import type { Citation, ScoredChunk } from '@weft/rag';

/** `docs/rag.md:120-245`: where a span is, as UTF-16 offsets into the document's text. */
export function location(source: string, start: number, end: number): string {
  return `${source}:${start}-${end}`;
}

/** The first `max` characters of a text on one line, for a terminal. */
export function excerpt(text: string, max = 240): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** Prints the retrieved passages, numbered, with their source, offsets and score. */
export function printPassages(hits: readonly ScoredChunk[]): void {
  hits.forEach(({ chunk, score }, index) => {
    const source =
      typeof chunk.metadata.source === 'string' ? chunk.metadata.source : chunk.documentId;
    console.log(
      `[${index + 1}] ${location(source, chunk.start, chunk.end)}  (score ${score.toFixed(2)})`,
    );
    console.log(`    ${excerpt(chunk.text)}`);
  });
}

/** Prints the citations of an answer: passage number, source, offsets and the quoted span. */
export function printCitations(citations: readonly Citation[]): void {
  if (citations.length === 0) return;
  console.log('\nCitations:');
  for (const citation of citations) {
    console.log(
      `[${citation.passage}] ${location(citation.source, citation.start, citation.end)}  "${excerpt(citation.quote)}"`,
    );
  }
}
