import { ValidationError } from '@weft/core';
import type { IngestedDocument, IngestState, IngestStateStore } from './types.js';

/** A state with no documents. */
export function emptyIngestState(): IngestState {
  return { version: 1, documents: {} };
}

function copyState(state: IngestState): IngestState {
  const documents: Record<string, IngestedDocument> = {};
  for (const [id, entry] of Object.entries(state.documents)) {
    documents[id] = { contentHash: entry.contentHash, chunkIds: [...entry.chunkIds] };
  }
  return { version: 1, documents };
}

/** An ingestion state kept in memory: reuse the same object across runs in one process. */
export function memoryIngestState(): IngestStateStore {
  let saved: IngestState | undefined;
  return {
    async load() {
      return saved && copyState(saved);
    },
    async save(state) {
      saved = copyState(parseIngestState(state, 'memoryIngestState'));
    },
  };
}

/**
 * Checks that a value read back (from a file, a database) is an ingestion state; refuses
 * anything else with a `ValidationError` that says where it came from.
 */
export function parseIngestState(value: unknown, source: string): IngestState {
  const fail = (message: string): never => {
    throw new ValidationError(`The ingestion state from ${source} is not valid: ${message}`, {
      issues: [{ path: [], message }],
    });
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('expected an object.');
  }
  const { version, documents } = value as Record<string, unknown>;
  if (version !== 1) return fail(`unknown version ${JSON.stringify(version)} (expected 1).`);
  if (typeof documents !== 'object' || documents === null || Array.isArray(documents)) {
    return fail('`documents` must be an object.');
  }
  const parsed: Record<string, IngestedDocument> = Object.create(null);
  for (const [id, entry] of Object.entries(documents as Record<string, unknown>)) {
    const { contentHash, chunkIds } = (entry ?? {}) as Record<string, unknown>;
    if (
      typeof contentHash !== 'string' ||
      !Array.isArray(chunkIds) ||
      !chunkIds.every((chunkId) => typeof chunkId === 'string')
    ) {
      fail(`document ${JSON.stringify(id)} needs a contentHash string and chunkIds strings.`);
    }
    parsed[id] = { contentHash: contentHash as string, chunkIds: [...(chunkIds as string[])] };
  }
  return { version: 1, documents: parsed };
}
