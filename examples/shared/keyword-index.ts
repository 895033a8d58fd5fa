import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BM25Index, type Chunk, type Document, markdownChunker } from '@weft/rag';

/** The chunks of a folder and a BM25 index over them, ready for `keywordRetriever`. */
export interface KeywordIndex {
  index: BM25Index;
  chunks: Map<string, Chunk>;
  /** True when the saved index matched the documents and nothing was rebuilt. */
  reused: boolean;
}

interface SavedIndex {
  version: 1;
  documentsHash: string;
  bm25: unknown;
  chunks: Chunk[];
}

/** One hash over every document's id and content: any change, addition or removal shows. */
function hashDocuments(documents: readonly Document[]): string {
  const hash = createHash('sha256');
  for (const document of documents) {
    hash
      .update(document.id)
      .update('\0')
      .update(document.contentHash ?? document.text)
      .update('\0');
  }
  return hash.digest('hex');
}

function isChunk(value: unknown): value is Chunk {
  const chunk = value as Partial<Chunk> | null;
  return (
    typeof chunk?.id === 'string' &&
    typeof chunk.documentId === 'string' &&
    typeof chunk.text === 'string' &&
    typeof chunk.start === 'number' &&
    typeof chunk.end === 'number' &&
    typeof chunk.metadata === 'object' &&
    chunk.metadata !== null
  );
}

/** The saved index, if it exists, parses, and was built from these very documents. */
async function readSaved(path: string, documentsHash: string): Promise<KeywordIndex | undefined> {
  let saved: Partial<SavedIndex>;
  try {
    saved = JSON.parse(await readFile(path, 'utf8')) as Partial<SavedIndex>;
  } catch {
    return undefined; // missing or unreadable: rebuild
  }
  if (saved.version !== 1 || saved.documentsHash !== documentsHash) return undefined;
  if (!Array.isArray(saved.chunks) || !saved.chunks.every(isChunk)) return undefined;
  try {
    const index = BM25Index.fromJSON(saved.bm25);
    return { index, chunks: new Map(saved.chunks.map((chunk) => [chunk.id, chunk])), reused: true };
  } catch {
    return undefined;
  }
}

/**
 * Loads the index saved in `indexDir` when it was built from the same documents, and builds
 * (and saves) it otherwise. The file is written beside its final name and renamed, so a run
 * stopped half-way never leaves a broken index behind.
 */
export async function keywordIndexFor(
  documents: readonly Document[],
  indexDir: string,
): Promise<KeywordIndex> {
  const path = join(indexDir, 'keyword-index.json');
  const documentsHash = hashDocuments(documents);
  const saved = await readSaved(path, documentsHash);
  if (saved) return saved;

  const chunker = markdownChunker({ chunkSize: 800, chunkOverlap: 100 });
  const chunks = documents.flatMap((document) => chunker.chunk(document));
  const index = new BM25Index({ stopWords: true, stemming: true });
  index.add(chunks.map((chunk) => ({ id: chunk.id, text: chunk.text })));

  await mkdir(indexDir, { recursive: true });
  const contents: SavedIndex = { version: 1, documentsHash, bm25: index.toJSON(), chunks };
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(contents));
  await rename(temporary, path);
  return { index, chunks: new Map(chunks.map((chunk) => [chunk.id, chunk])), reused: false };
}
