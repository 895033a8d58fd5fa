/**
 * An ingestion state kept in a JSON file. Node-only (node:fs): exported from `@weft/rag/node`.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ValidationError } from '@weft/core';
import { parseIngestState } from './ingest-state.js';
import type { IngestState, IngestStateStore } from './types.js';

/**
 * The ingestion state in a JSON file at `path`. Saving writes a temporary file beside it,
 * flushes it to disk and renames it over `path`, so a crash leaves the old state or the new.
 *
 * @example
 * await ingest({ documents, chunker, embeddingModel, store, state: fileIngestState('.weft/state.json') });
 */
export function fileIngestState(path: string): IngestStateStore {
  if (typeof path !== 'string' || path.length === 0) {
    throw new ValidationError('fileIngestState needs a file path.');
  }
  return {
    async load(): Promise<IngestState | undefined> {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ValidationError(`The ingestion state file ${path} is not valid JSON.`);
      }
      return parseIngestState(value, path);
    },
    async save(state: IngestState): Promise<void> {
      const json = JSON.stringify(parseIngestState(state, 'save()'));
      const temporary = join(
        dirname(path),
        `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      const file = await open(temporary, 'w', 0o644);
      try {
        await file.writeFile(json);
        await file.sync();
        await file.close();
        await rename(temporary, path);
      } catch (error) {
        await file.close().catch(() => undefined);
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
      // Make the rename durable; not every platform lets a directory be opened.
      const folder = await open(dirname(path), 'r').catch(() => undefined);
      await folder?.sync().catch(() => undefined);
      await folder?.close();
    },
  };
}
