// Test-only: random metadata and filters over a few hostile keys, for the SQL translation tests.
import fc from 'fast-check';
import type { FieldOperators, FilterValue, MetadataFilter } from '../../types/index.js';

/** Strings full of SQL metacharacters and awkward Unicode (no NUL, no lone surrogates). */
export const nastyStrings: readonly string[] = [
  "it's",
  "'; DROP TABLE chunks; --",
  'a;b -- c',
  'price$1',
  '?|',
  'back\\slash\\',
  '"double" \'single\'',
  "')) OR 1=1 --",
  '/* comment */',
  'émoji 😀 𝄞',
  '%_like%',
  '{"json": [1]}',
  '\u00e9\ufb01\uffff',
];

// Few keys, so that filters often meet the fields the records have.
const keys = ['n', "it's", 'a;b -- c $1', 'back\\slash 😀'];

// Small pools mostly, so that filter values often equal stored ones (where $gt and $gte differ).
const textValue = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...nastyStrings.slice(0, 4), '', 'a', 'b', '\ue000', '\u{1F600}'),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 6 })
      .filter((text) => !text.includes('\u0000')),
  },
);

const numberValue = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2, max: 2 }) },
  { weight: 2, arbitrary: fc.constantFrom(0.5, -0.5, -0, 1e-300, 1e300, 2 ** 53, 0.1 + 0.2, 0.3) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

const scalar: fc.Arbitrary<FilterValue> = fc.oneof(
  { weight: 3, arbitrary: numberValue },
  { weight: 2, arbitrary: textValue },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Metadata over the hostile keys: scalars mostly, sometimes arrays or objects. */
export const metadataArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom(...keys),
  fc.oneof(
    { weight: 6, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...keys), scalar, { maxKeys: 2 }) },
  ),
  { maxKeys: 4 },
);

const rangeValue = fc.oneof(textValue, numberValue);

const fieldOperators: fc.Arbitrary<FieldOperators> = fc.letrec<{ ops: FieldOperators }>((tie) => ({
  ops: fc.oneof(
    { depthSize: 'small' },
    fc.record({ $eq: scalar }),
    fc.record({ $ne: scalar }),
    fc.record({ $gt: rangeValue }),
    fc.record({ $gte: rangeValue }),
    fc.record({ $lt: rangeValue }),
    fc.record({ $lte: rangeValue }),
    fc.record({ $gt: numberValue, $lt: numberValue }),
    fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }),
    fc.record({ $nin: fc.array(scalar, { maxLength: 3 }) }),
    fc.record({ $exists: fc.boolean() }),
    fc.record({ $not: tie('ops') }),
  ),
})).ops;

/** Random filters using every operator of the portable language, nested. */
export const filterArbitrary: fc.Arbitrary<MetadataFilter> = fc.letrec<{ filter: MetadataFilter }>(
  (tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.dictionary(fc.constantFrom(...keys), fc.oneof(scalar, fieldOperators), {
        minKeys: 1,
        maxKeys: 2,
      }),
      fc.record({ $and: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ $or: fc.array(tie('filter'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ $not: tie('filter') }),
    ),
  }),
).filter;
