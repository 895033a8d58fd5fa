/** Where a document came from and what it is. Loaders fill what they know. */
export interface DocumentMetadata {
  /** A path (relative to the loader's root) or a URL. */
  source?: string;
  title?: string;
  /** e.g. `text/markdown`, `text/html`, `application/pdf`. */
  mimeType?: string;
  [key: string]: unknown;
}

/** A loaded document: its text, identity and a hash of its content. */
export interface Document {
  /** Stable across loads of the same source (e.g. the source path). */
  id: string;
  text: string;
  metadata: DocumentMetadata;
  /** SHA-256 (hex) of `text`: unchanged content, unchanged hash. */
  contentHash?: string;
}

/** A piece of a document with its exact place in it: `document.text.slice(start, end) === text`. */
export interface Chunk {
  /** Unique within the document set, e.g. `${documentId}#${index}`. */
  id: string;
  documentId: string;
  /** Position of the chunk within its document, from 0. */
  index: number;
  text: string;
  /** UTF-16 offset of the first character in the document's text. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
  /** The document's metadata, plus what the chunker adds (e.g. `headingPath`). */
  metadata: DocumentMetadata;
}

/** Something a chunker could not do exactly as asked. */
export interface ChunkWarning {
  type: 'overlap-reduced' | 'oversized-unit' | 'other';
  message: string;
  /** The chunk the warning is about, when there is one. */
  chunkIndex?: number;
}

/** Measures text: characters by default, or tokens through a tokenizer. */
export type LengthFunction = (text: string) => number;

/** Splits documents into chunks with exact offsets. */
export interface Chunker {
  /** Chunks of one document (or a bare string, which becomes a document with id `text`). */
  chunk(input: Document | string): Chunk[];
  /** Warnings from the last `chunk` call (overlap reduced, oversized units kept whole). */
  readonly warnings: readonly ChunkWarning[];
}
