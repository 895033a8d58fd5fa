import type { FilterOperator } from '../filters/index.js';
import type { FilterValue, MetadataFilter } from '../types/index.js';

/** A seeded generator (mulberry32), so a failing conformance case can be replayed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A random unit vector (Gaussian components, normalized). */
export function randomUnitVector(random: Random, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  let sum = 0;
  for (let i = 0; i < dimensions; i++) {
    // Box-Muller; 1 - random() keeps log away from 0.
    const value = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    vector[i] = value;
    sum += value * value;
  }
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** Strings a careless SQL or query-string translation would break on. */
export const hostileStrings: readonly string[] = [
  "O'Reilly",
  'say "hi"',
  '; DROP TABLE records; --',
  "' OR '1'='1",
  '$1',
  '$2::text',
  'back\\slash',
  "\\'",
  '%_*?',
  '{"a":1}',
  'é',
  '😀 emoji',
  '',
  'a',
  'b',
];

/** Field names with the same characters, so that keys are checked as well as values. */
export const hostileKey = `we'ird"; --$1\\key`;

const numbers = [-3, -2, -1, 0, 1, 2, 3, 0.5, -1.5, 2.25];

/** The metadata fields the random records use, each with the values filters compare them to. */
export const fieldValues: Record<string, readonly FilterValue[]> = {
  n: numbers,
  s: hostileStrings,
  b: [true, false],
  z: [null, 'x'],
  m: [1, 2, '1', 'a', true, null],
  [hostileKey]: hostileStrings.slice(0, 6),
};

/** Random metadata: every field may be missing, `m` mixes types. */
export function randomMetadata(random: Random): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(fieldValues)) {
    if (random() < 0.8) metadata[field] = pick(random, values);
  }
  return metadata;
}

type FieldOperator = '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte' | '$in' | '$nin' | '$exists';
const fieldOperators: readonly FieldOperator[] = [
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
];

/** A filter using one field operator on a random field, with a value of the right kind. */
export function leafFilter(random: Random, operator: FieldOperator): MetadataFilter {
  const field = pick(random, Object.keys(fieldValues));
  const values = fieldValues[field] as readonly FilterValue[];
  // Values of every field, so that type mismatches are exercised too.
  const anyValue = () =>
    random() < 0.8 ? pick(random, values) : pick(random, fieldValues.m as FilterValue[]);
  switch (operator) {
    case '$in':
    case '$nin': {
      const list = Array.from({ length: Math.floor(random() * 4) }, anyValue);
      return { [field]: { [operator]: list } };
    }
    case '$exists':
      return { [field]: { $exists: random() < 0.5 } };
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const orderable = [...numbers, ...hostileStrings];
      return { [field]: { [operator]: pick(random, orderable) } };
    }
    case '$eq':
      return random() < 0.5 ? { [field]: anyValue() } : { [field]: { $eq: anyValue() } };
    case '$ne':
      return { [field]: { $ne: anyValue() } };
  }
}

/** A random filter built only from `operators`, nested at most `depth` levels. */
export function randomFilter(
  random: Random,
  operators: ReadonlySet<FilterOperator>,
  depth = 2,
): MetadataFilter {
  const leaves = fieldOperators.filter((operator) => operators.has(operator));
  const composites = (['$and', '$or', '$not'] as const).filter((operator) =>
    operators.has(operator),
  );
  if (leaves.length === 0) return {};
  if (depth === 0 || composites.length === 0 || random() < 0.4) {
    const leaf = leafFilter(random, pick(random, leaves));
    if (operators.has('$not') && random() < 0.15) {
      const [[field, condition]] = Object.entries(leaf) as [[string, unknown]];
      const inner =
        typeof condition === 'object' && condition !== null ? condition : { $eq: condition };
      return { [field]: { $not: inner } } as MetadataFilter;
    }
    return leaf;
  }
  const composite = pick(random, composites);
  if (composite === '$not') return { $not: randomFilter(random, operators, depth - 1) };
  const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
    randomFilter(random, operators, depth - 1),
  );
  return { [composite]: parts } as MetadataFilter;
}
