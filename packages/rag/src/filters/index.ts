export { assertFilterSupported } from './assert-filter-supported.js';
export {
  compareCodePoints,
  compileFilter,
  compileFilterNode,
  type MetadataPredicate,
  matchesFilter,
} from './evaluate-filter.js';
export {
  allFilterOperators,
  type ComparisonOperator,
  type FilterNode,
  type FilterOperator,
  filterOperatorsOf,
  parseFilter,
} from './filter-node.js';
export { type FilterFolder, foldFilter } from './fold-filter.js';
