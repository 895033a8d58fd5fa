import { VectorStoreError } from '../errors/vector-store-error.js';
import type { VectorStoreCapabilities } from '../types/index.js';
import { type FilterNode, filterOperatorsOf } from './filter-node.js';

/**
 * Refuses a filter that uses operators the store cannot express, with a `VectorStoreError`
 * (code `unsupported_filter`) naming them, instead of silently ignoring part of the filter.
 */
export function assertFilterSupported(
  node: FilterNode,
  capabilities: Pick<VectorStoreCapabilities, 'filterOperators'>,
  storeName?: string,
): void {
  const supported = new Set<string>(capabilities.filterOperators);
  const missing = [...filterOperatorsOf(node)].filter((operator) => !supported.has(operator));
  if (missing.length > 0) {
    const store = storeName ? `The ${storeName} store` : 'This vector store';
    throw new VectorStoreError(
      `${store} cannot express the filter operator${missing.length > 1 ? 's' : ''} ` +
        `${missing.join(', ')} (it supports ${capabilities.filterOperators.join(', ') || 'none'}).`,
      { code: 'unsupported_filter', store: storeName },
    );
  }
}
