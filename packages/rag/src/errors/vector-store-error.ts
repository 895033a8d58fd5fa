import { WeftError, type WeftErrorOptions } from '@weft/core';

/**
 * A vector store refused an operation or failed: an unsupported filter operator, a closed
 * store, a corrupt persisted file, a database error. Bad input records are `ValidationError`s.
 */
export class VectorStoreError extends WeftError {
  static override readonly errorName: string = 'VectorStoreError';
  /** The store that failed, e.g. `in-memory`, `pgvector`. */
  readonly store?: string;

  constructor(message: string, options: WeftErrorOptions & { code?: string; store?: string } = {}) {
    super(options.code ?? 'vector_store', message, options);
    this.store = options.store;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), store: this.store };
  }
}
