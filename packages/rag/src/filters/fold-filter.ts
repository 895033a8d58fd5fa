import type { FilterValue } from '../types/index.js';
import type { ComparisonOperator, FilterNode } from './filter-node.js';

/** One case per node type: how to turn a filter into a predicate, a SQL fragment, ... */
export interface FilterFolder<T> {
  and(children: T[]): T;
  or(children: T[]): T;
  not(child: T): T;
  compare(field: string, operator: ComparisonOperator, value: FilterValue): T;
  in(field: string, operator: '$in' | '$nin', values: FilterValue[]): T;
  exists(field: string, exists: boolean): T;
}

/**
 * Folds a parsed filter bottom-up. Adapters translate filters with it:
 *
 * @example
 * const sql = foldFilter(parseFilter(filter), { and: (parts) => `(${parts.join(' AND ')})`, ... });
 */
export function foldFilter<T>(node: FilterNode, folder: FilterFolder<T>): T {
  switch (node.type) {
    case 'and':
      return folder.and(node.children.map((child) => foldFilter(child, folder)));
    case 'or':
      return folder.or(node.children.map((child) => foldFilter(child, folder)));
    case 'not':
      return folder.not(foldFilter(node.child, folder));
    case 'compare':
      return folder.compare(node.field, node.operator, node.value);
    case 'in':
      return folder.in(node.field, node.operator, node.values);
    case 'exists':
      return folder.exists(node.field, node.exists);
  }
}
