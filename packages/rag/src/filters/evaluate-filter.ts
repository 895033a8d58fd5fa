import type { FilterValue, MetadataFilter } from '../types/index.js';
import { type FilterNode, parseFilter } from './filter-node.js';
import { foldFilter } from './fold-filter.js';

/** A compiled filter: true when a record's metadata matches. */
export type MetadataPredicate = (
  metadata: Readonly<Record<string, unknown>> | undefined,
) => boolean;

/**
 * Orders two strings by Unicode code point, which is also the order of their UTF-8 bytes
 * (PostgreSQL's `COLLATE "C"`). JavaScript's `<` compares UTF-16 units, which differs for
 * characters beyond U+FFFF against U+E000..U+FFFF; every store must agree, so this is the rule.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a code point above U+FFFF) sorts after every BMP character.
    const xHigh = x >= 0xd800 && x <= 0xdfff;
    const yHigh = y >= 0xd800 && y <= 0xdfff;
    if (xHigh !== yHigh) return xHigh ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function has(metadata: Readonly<Record<string, unknown>> | undefined, field: string): boolean {
  return (
    metadata !== undefined &&
    Object.hasOwn(metadata, field) &&
    (metadata as Record<string, unknown>)[field] !== undefined
  );
}

// Equality is strict and typed: 1 never equals '1', and an array field never equals a scalar.
function equals(actual: unknown, expected: FilterValue): boolean {
  return actual === expected;
}

function ordered(actual: unknown, expected: FilterValue): number | undefined {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    return compareCodePoints(actual, expected);
  }
  return undefined;
}

const isTrue: MetadataPredicate = () => true;

/**
 * Compiles a filter (validated first; see `parseFilter`) into a predicate over metadata.
 * Semantics every store follows:
 * - `{ f: v }` / `$eq`: the field is present and strictly equal (same type); `$ne` is its negation,
 *   so it also matches records without the field; likewise `$nin` for `$in`.
 * - `$gt $gte $lt $lte`: only values of the operand's type (numbers, or strings by code point).
 * - `$exists: true`: the key is present (a `null` value counts as present).
 * - `$not` negates, so it matches records where the inner condition fails, missing fields included.
 */
export function compileFilter(filter: MetadataFilter | undefined): MetadataPredicate {
  return filter === undefined ? isTrue : compileFilterNode(parseFilter(filter));
}

/** Compiles an already parsed filter (see `compileFilter` for the semantics). */
export function compileFilterNode(node: FilterNode): MetadataPredicate {
  return foldFilter<MetadataPredicate>(node, {
    and: (children) => {
      if (children.length === 0) return isTrue;
      return (metadata) => children.every((child) => child(metadata));
    },
    or: (children) => (metadata) => children.some((child) => child(metadata)),
    not: (child) => (metadata) => !child(metadata),
    compare: (field, operator, value) => {
      const get = (metadata: Readonly<Record<string, unknown>> | undefined) =>
        has(metadata, field) ? (metadata as Record<string, unknown>)[field] : undefined;
      switch (operator) {
        case '$eq':
          return (metadata) => has(metadata, field) && equals(get(metadata), value);
        case '$ne':
          return (metadata) => !(has(metadata, field) && equals(get(metadata), value));
        case '$gt':
          return (metadata) => (ordered(get(metadata), value) ?? 0) > 0;
        case '$gte':
          return (metadata) => (ordered(get(metadata), value) ?? -1) >= 0;
        case '$lt':
          return (metadata) => (ordered(get(metadata), value) ?? 0) < 0;
        case '$lte':
          return (metadata) => (ordered(get(metadata), value) ?? 1) <= 0;
      }
    },
    in: (field, operator, values) => {
      const inSet = (metadata: Readonly<Record<string, unknown>> | undefined) =>
        has(metadata, field) &&
        values.some((value) => equals((metadata as Record<string, unknown>)[field], value));
      return operator === '$in' ? inSet : (metadata) => !inSet(metadata);
    },
    exists: (field, exists) => (metadata) => has(metadata, field) === exists,
  });
}

/** Whether a record's metadata matches a filter (validating the filter on every call). */
export function matchesFilter(
  filter: MetadataFilter,
  metadata: Readonly<Record<string, unknown>> | undefined,
): boolean {
  return compileFilter(filter)(metadata);
}
