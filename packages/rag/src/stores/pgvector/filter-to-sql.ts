import type { ComparisonOperator, FilterNode } from '../../filters/filter-node.js';
import { parseFilter } from '../../filters/filter-node.js';
import { foldFilter } from '../../filters/fold-filter.js';
import type { FilterValue, MetadataFilter } from '../../types/index.js';
import { checkStorableString } from './records.js';

/** Collects statement parameters and hands out their `$n` placeholders. */
export class SqlParameters {
  readonly values: unknown[] = [];
  constructor(initial: unknown[] = []) {
    this.values.push(...initial);
  }
  /** Binds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const sqlOperators: Record<Exclude<ComparisonOperator, '$eq' | '$ne'>, string> = {
  $gt: '>',
  $gte: '>=',
  $lt: '<',
  $lte: '<=',
};

function checkStrings(node: FilterNode): void {
  switch (node.type) {
    case 'and':
    case 'or':
      for (const child of node.children) checkStrings(child);
      return;
    case 'not':
      checkStrings(node.child);
      return;
    case 'compare':
      checkStorableString(node.field, ['filter', node.field], 'filter keys');
      if (typeof node.value === 'string')
        checkStorableString(node.value, ['filter', node.field], 'filter values');
      return;
    case 'in':
      checkStorableString(node.field, ['filter', node.field], 'filter keys');
      for (const value of node.values) {
        if (typeof value === 'string')
          checkStorableString(value, ['filter', node.field], 'filter values');
      }
      return;
    case 'exists':
      checkStorableString(node.field, ['filter', node.field], 'filter keys');
  }
}

/**
 * Translates a portable filter into a SQL boolean over the `metadata` jsonb column (NULL for
 * records without metadata). Keys and
 * values are always bound as parameters, never written into the SQL. Every leaf is wrapped so
 * that it is true or false, never NULL, which keeps `NOT` equal to the JavaScript negation
 * (`compileFilter` in filters/ is the reference: typed strict equality, ranges only within a
 * type, strings by code point).
 */
export function filterToSql(
  filter: MetadataFilter | undefined,
  parameters: SqlParameters,
  column = 'metadata',
): string {
  if (filter === undefined) return 'TRUE';
  const node = parseFilter(filter);
  checkStrings(node);
  const field = (key: string) => `(${column} -> ${parameters.add(key)}::text)`;
  const json = (value: FilterValue) => `${parameters.add(JSON.stringify(value))}::jsonb`;
  return foldFilter<string>(node, {
    and: (children) => (children.length === 0 ? 'TRUE' : `(${children.join(' AND ')})`),
    or: (children) => `(${children.join(' OR ')})`,
    not: (child) => `(NOT ${child})`,
    compare(key, operator, value) {
      if (operator === '$eq' || operator === '$ne') {
        const equal = `COALESCE(${field(key)} = ${json(value)}, FALSE)`;
        return operator === '$eq' ? equal : `(NOT ${equal})`;
      }
      const sqlOperator = sqlOperators[operator];
      if (typeof value === 'number') {
        // jsonb compares two numbers numerically; the type check keeps strings and booleans out.
        const target = field(key);
        return `COALESCE(jsonb_typeof(${target}) = 'number' AND ${target} ${sqlOperator} ${json(value)}, FALSE)`;
      }
      // Byte order of UTF-8 is code point order, the rule every store follows.
      const keyParameter = parameters.add(key);
      return (
        `COALESCE(jsonb_typeof(${column} -> ${keyParameter}::text) = 'string' AND ` +
        `(${column} ->> ${keyParameter}::text) COLLATE "C" ${sqlOperator} ${parameters.add(value)}::text COLLATE "C", FALSE)`
      );
    },
    in(key, operator, values) {
      const member =
        values.length === 0
          ? 'FALSE'
          : `COALESCE(${field(key)} = ANY(${parameters.add(values.map((value) => JSON.stringify(value)))}::jsonb[]), FALSE)`;
      return operator === '$in' ? member : `(NOT ${member})`;
    },
    exists(key, exists) {
      const present = `COALESCE(${column} ? ${parameters.add(key)}::text, FALSE)`;
      return exists ? present : `(NOT ${present})`;
    },
  });
}
