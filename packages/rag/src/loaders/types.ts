import type { Document, DocumentMetadata } from '../types/index.js';

/** What a parser reads: text, or raw bytes (decoded as UTF-8 unless a BOM says otherwise). */
export type LoaderInput = string | Uint8Array | ArrayBuffer;

/** Options every parser accepts: where the content came from and what to call it. */
export interface ParseOptions {
  /** The document id; defaults to `source`, then to the format name (e.g. `text`). */
  id?: string;
  /** A path (relative to a loader's root) or a URL, copied into `metadata.source`. */
  source?: string;
  /** A title to use when the content has none of its own. */
  title?: string;
  /** Extra metadata merged into every document (the parser's own fields win). */
  metadata?: DocumentMetadata;
}

/**
 * Turns content into documents. Record formats (CSV rows, JSONL lines, JSON arrays) give
 * several documents, every other format gives one.
 */
export type DocumentParser = (input: LoaderInput, options?: ParseOptions) => Promise<Document[]>;
