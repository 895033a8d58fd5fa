import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';

/** The settings every contender chunks with (the goal: 1,000 / 200, same separators). */
export const chunkingSettings = {
  chunkSize: 1000,
  chunkOverlap: 200,
  separators: ['\n\n', '\n', ' ', ''],
} as const;

export type ChunkingContenderKey = 'weft' | 'langchain';

export const chunkingContenders: ReadonlyArray<{ key: ChunkingContenderKey; name: string }> = [
  { key: 'weft', name: 'Weft recursiveChunker' },
  { key: 'langchain', name: 'LangChain RecursiveCharacterTextSplitter' },
];

/** A chunker as the benchmark drives it, plus the check of its own output. */
export interface ChunkingContender {
  /** Chunks `text` and returns how many chunks it made. */
  run: (text: string) => Promise<number>;
  /** Chunks `text` once more and checks the result; undefined when all is well. */
  check: (text: string) => Promise<string | undefined>;
  /** Warnings from the last run (Weft reports them; LangChain has none to report). */
  warnings: () => number;
}

/** Loads one contender; Weft from the compiled chunkers at `weftUrl`. */
export async function loadChunkingContender(
  key: ChunkingContenderKey,
  weftUrl: string,
): Promise<ChunkingContender> {
  const { chunkSize, chunkOverlap, separators } = chunkingSettings;
  if (key === 'weft') {
    const weft = (await import(
      weftUrl
    )) as typeof import('../../packages/rag/src/chunkers/index.js');
    const chunker = weft.recursiveChunker({ chunkSize, chunkOverlap, separators: [...separators] });
    return {
      run: async (text) => chunker.chunk(text).length,
      check: async (text) => checkWeftChunks(text, chunker.chunk(text), chunkSize),
      warnings: () => chunker.warnings.length,
    };
  }
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize,
    chunkOverlap,
    separators: [...separators],
  });
  return {
    run: async (text) => (await splitter.splitText(text)).length,
    check: async (text) => checkChunksInOrder(text, await splitter.splitText(text)),
    warnings: () => 0,
  };
}

/** Weft's chunks: exact offsets, within chunkSize, no text lost before, between or after. */
export function checkWeftChunks(
  text: string,
  chunks: ReadonlyArray<{ text: string; start: number; end: number }>,
  chunkSize: number,
): string | undefined {
  let covered = 0;
  for (const [index, chunk] of chunks.entries()) {
    if (text.slice(chunk.start, chunk.end) !== chunk.text) return `chunk ${index}: offsets wrong`;
    if (chunk.text.length > chunkSize) return `chunk ${index}: ${chunk.text.length} > ${chunkSize}`;
    if (text.slice(covered, chunk.start).trim() !== '') return `text before chunk ${index} lost`;
    covered = Math.max(covered, chunk.end);
  }
  return text.slice(covered).trim() === '' ? undefined : 'text after the last chunk lost';
}

/** Chunks without offsets (LangChain's): each found in the text after the previous one. */
export function checkChunksInOrder(text: string, chunks: readonly string[]): string | undefined {
  let previousStart = -1;
  let covered = 0;
  for (const [index, chunk] of chunks.entries()) {
    let start = text.indexOf(chunk, previousStart + 1);
    if (start === -1) return `chunk ${index} not found in order`;
    // A short chunk ('in') also occurs inside the text already covered; where a later
    // occurrence brings new text with no gap before it, that one is the chunk.
    let later = start;
    while (later !== -1 && later + chunk.length <= covered) later = text.indexOf(chunk, later + 1);
    if (later !== -1 && text.slice(covered, later).trim() === '') start = later;
    if (text.slice(covered, start).trim() !== '') return `text before chunk ${index} lost`;
    previousStart = start;
    covered = Math.max(covered, start + chunk.length);
  }
  return text.slice(covered).trim() === '' ? undefined : 'text after the last chunk lost';
}
