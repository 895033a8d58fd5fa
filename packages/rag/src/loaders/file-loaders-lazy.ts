// `loadFile` and `loadDirectory` for the root entry, which must stay edge-safe: the Node-only
// modules (node:fs, node:path) are imported on the first call, not when `@weft/rag` loads.
// `@weft/rag/node` exports the same functions directly.

import type { Document } from '../types/index.js';
import type { LoadDirectoryOptions, LoadDirectoryResult } from './load-directory.js';
import type { LoadFileOptions } from './load-file.js';

export type {
  LoadDirectoryOptions,
  LoadDirectoryResult,
  SkippedFile,
  SkipReason,
} from './load-directory.js';
export type { LoadFileOptions } from './load-file.js';

/**
 * Loads one file, parsed by its extension (text, Markdown, HTML, JSON/JSONL, CSV, PDF).
 * Node only; the file-system code loads on the first call.
 *
 * @example const [doc] = await loadFile('docs/guide.md');
 */
export async function loadFile(path: string, options?: LoadFileOptions): Promise<Document[]> {
  const { loadFile: load } = await import('./load-file.js');
  return load(path, options);
}

/**
 * Loads every matching file under a folder, never outside it (symlinks out are skipped and
 * reported). Node only; the file-system code loads on the first call.
 *
 * @example const { documents, skipped } = await loadDirectory('docs', { include: ['**\/*.md'] });
 */
export async function loadDirectory(
  root: string,
  options?: LoadDirectoryOptions,
): Promise<LoadDirectoryResult> {
  const { loadDirectory: load } = await import('./load-directory.js');
  return load(root, options);
}
