import { ValidationError } from '@weft/core';
import type { IngestOptions } from './types.js';

export const defaultIngestBatchSize = 256;

function fail(message: string, path: Array<string | number>): never {
  throw new ValidationError(`ingest: ${message}`, { issues: [{ path, message }] });
}

function positiveInteger(value: unknown, name: string): void {
  if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1)) {
    fail(`${name} must be a positive integer, got ${String(value)}.`, [name]);
  }
}

/**
 * Checks everything that can be checked before a run touches the store: the options, unique
 * document ids, and a model whose vectors fit the store.
 */
export function validateIngestOptions(options: IngestOptions): void {
  if (typeof options !== 'object' || options === null) fail('expected an options object.', []);
  const { documents, chunker, embeddingModel, store, keywordIndex, state } = options;
  if (!Array.isArray(documents)) fail('`documents` must be an array.', ['documents']);
  const seen = new Set<string>();
  documents.forEach((document, index) => {
    if (typeof document !== 'object' || document === null) {
      fail(`documents[${index}] is not a document.`, ['documents', index]);
    }
    if (typeof document.id !== 'string' || document.id.length === 0) {
      fail(`documents[${index}].id must be a non-empty string.`, ['documents', index, 'id']);
    }
    if (typeof document.text !== 'string') {
      fail(`documents[${index}] ("${document.id}") has no text string.`, [
        'documents',
        index,
        'text',
      ]);
    }
    if (seen.has(document.id)) {
      fail(`duplicate document id "${document.id}" (documents[${index}]); ids must be unique.`, [
        'documents',
        index,
        'id',
      ]);
    }
    seen.add(document.id);
  });
  if (typeof chunker?.chunk !== 'function')
    fail('`chunker` must have a chunk() method.', ['chunker']);
  if (typeof embeddingModel?.embed !== 'function') {
    fail('`embeddingModel` must be an EmbeddingModel.', ['embeddingModel']);
  }
  if (typeof store?.upsert !== 'function' || typeof store.get !== 'function') {
    fail('`store` must be a VectorStore.', ['store']);
  }
  if (keywordIndex !== undefined && typeof keywordIndex.add !== 'function') {
    fail('`keywordIndex` must be a BM25Index.', ['keywordIndex']);
  }
  if (
    state !== undefined &&
    (typeof state.load !== 'function' || typeof state.save !== 'function')
  ) {
    fail('`state` must have load() and save().', ['state']);
  }
  positiveInteger(options.batchSize, 'batchSize');
  positiveInteger(options.concurrency, 'concurrency');
  if (embeddingModel.dimensions !== undefined && embeddingModel.dimensions !== store.dimensions) {
    fail(
      `${embeddingModel.provider}/${embeddingModel.modelId} makes ${embeddingModel.dimensions}-dimension vectors but the store holds ${store.dimensions} dimensions; use a store made for this model.`,
      ['store', 'dimensions'],
    );
  }
}
