import { ValidationError, type ValidationIssue } from '@weft/core';
import type { FilterValue, MetadataFilter, VectorStoreCapabilities } from '../types/index.js';

/** A filter operator of the portable language. */
export type FilterOperator = VectorStoreCapabilities['filterOperators'][number];

export type ComparisonOperator = '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte';

/**
 * A validated filter as a small tree, the form adapters translate (see `foldFilter`).
 * Field-level `$not` and top-level `$not` both become a `not` node; `{ a: 1, b: 2 }` becomes an
 * `and` node with `implicit: true`.
 */
export type FilterNode =
  | { type: 'and'; children: FilterNode[]; implicit: boolean }
  | { type: 'or'; children: FilterNode[] }
  | { type: 'not'; child: FilterNode }
  | { type: 'compare'; field: string; operator: ComparisonOperator; value: FilterValue }
  | { type: 'in'; field: string; operator: '$in' | '$nin'; values: FilterValue[] }
  | { type: 'exists'; field: string; exists: boolean };

const comparisonOperators = new Set<string>(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);
const rangeOperators = new Set<string>(['$gt', '$gte', '$lt', '$lte']);
const fieldOperators = new Set<string>([...comparisonOperators, '$in', '$nin', '$exists', '$not']);

/** Every operator of the language, in a stable order. */
export const allFilterOperators: readonly FilterOperator[] = [
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$and',
  '$or',
  '$not',
];

// Deep filters are a mistake or an attack; a bound keeps the recursion (and SQL) small.
const maxDepth = 32;

type Path = Array<string | number>;

function fail(path: Path, message: string): never {
  const where = path.length === 0 ? 'filter' : `filter.${path.join('.')}`;
  const issue: ValidationIssue = { path: ['filter', ...path], message };
  throw new ValidationError(`Invalid metadata filter at ${where}: ${message}`, {
    issues: [issue],
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function parseValue(value: unknown, path: Path): FilterValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, `numbers must be finite, got ${value}.`);
    return value;
  }
  return fail(path, `expected a string, number, boolean or null, got ${describe(value)}.`);
}

function parseField(field: string, path: Path): void {
  if (field.length === 0) fail(path, 'field names must not be empty.');
  if (field.startsWith('$')) {
    fail(
      path,
      `unknown operator "${field}" (supported: $and, $or, $not at the top level; ` +
        `${[...fieldOperators].join(', ')} on a field).`,
    );
  }
}

function parseFieldCondition(
  field: string,
  condition: unknown,
  path: Path,
  depth: number,
): FilterNode {
  if (depth > maxDepth) fail(path, `filters may nest at most ${maxDepth} levels.`);
  if (!isPlainObject(condition)) {
    return {
      type: 'compare',
      field,
      operator: '$eq',
      value: parseValue(condition, path),
    };
  }
  const entries = Object.entries(condition);
  if (entries.length === 0) fail(path, 'an operator object needs at least one operator.');
  const nodes: FilterNode[] = entries.map(([operator, operand]): FilterNode => {
    const at = [...path, operator];
    if (!fieldOperators.has(operator)) {
      const hint = operator.startsWith('$')
        ? `supported: ${[...fieldOperators].join(', ')}`
        : 'operators start with "$"; to compare a nested object, use a flat metadata key';
      return fail(at, `unknown operator "${operator}" (${hint}).`);
    }
    if (operator === '$not') {
      if (!isPlainObject(operand)) {
        fail(at, `$not on a field takes an operator object, e.g. { $not: { $eq: 1 } }.`);
      }
      return { type: 'not', child: parseFieldCondition(field, operand, at, depth + 1) };
    }
    if (operator === '$in' || operator === '$nin') {
      if (!Array.isArray(operand))
        fail(at, `${operator} takes an array, got ${describe(operand)}.`);
      return {
        type: 'in',
        field,
        operator,
        values: operand.map((item, index) => parseValue(item, [...at, index])),
      };
    }
    if (operator === '$exists') {
      if (typeof operand !== 'boolean') {
        fail(at, `$exists takes true or false, got ${describe(operand)}.`);
      }
      return { type: 'exists', field, exists: operand };
    }
    const value = parseValue(operand, at);
    if (rangeOperators.has(operator) && typeof value !== 'number' && typeof value !== 'string') {
      fail(at, `${operator} compares numbers or strings, got ${describe(value)}.`);
    }
    return { type: 'compare', field, operator: operator as ComparisonOperator, value };
  });
  return nodes.length === 1
    ? (nodes[0] as FilterNode)
    : { type: 'and', children: nodes, implicit: true };
}

function parseNode(filter: unknown, path: Path, depth: number): FilterNode {
  if (depth > maxDepth) fail(path, `filters may nest at most ${maxDepth} levels.`);
  if (!isPlainObject(filter)) fail(path, `expected a filter object, got ${describe(filter)}.`);
  const children: FilterNode[] = [];
  for (const [key, operand] of Object.entries(filter)) {
    const at = [...path, key];
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(operand) || operand.length === 0) {
        fail(at, `${key} takes a non-empty array of filters.`);
      }
      const parts = operand.map((item, index) => parseNode(item, [...at, index], depth + 1));
      children.push(
        key === '$and'
          ? { type: 'and', children: parts, implicit: false }
          : { type: 'or', children: parts },
      );
    } else if (key === '$not') {
      children.push({ type: 'not', child: parseNode(operand, at, depth + 1) });
    } else {
      parseField(key, at);
      children.push(parseFieldCondition(key, operand, at, depth + 1));
    }
  }
  if (children.length === 0) return { type: 'and', children: [], implicit: true };
  return children.length === 1
    ? (children[0] as FilterNode)
    : { type: 'and', children, implicit: true };
}

/**
 * Validates a metadata filter and returns it as a `FilterNode` tree. Throws a `ValidationError`
 * naming the place and the problem (unknown operator, wrong operand type, NaN, ...).
 * `{}` matches every record.
 */
export function parseFilter(filter: MetadataFilter | unknown): FilterNode {
  return parseNode(filter, [], 0);
}

/** The operators a filter uses (implicit equality counts as `$eq`, several fields as none). */
export function filterOperatorsOf(node: FilterNode): Set<FilterOperator> {
  const used = new Set<FilterOperator>();
  const visit = (current: FilterNode): void => {
    switch (current.type) {
      case 'and':
        if (!current.implicit) used.add('$and');
        for (const child of current.children) visit(child);
        return;
      case 'or':
        used.add('$or');
        for (const child of current.children) visit(child);
        return;
      case 'not':
        used.add('$not');
        visit(current.child);
        return;
      case 'compare':
      case 'in':
        used.add(current.operator);
        return;
      case 'exists':
        used.add('$exists');
        return;
    }
  };
  visit(node);
  return used;
}
