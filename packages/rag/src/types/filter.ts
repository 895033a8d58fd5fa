/** A JSON value a metadata field may be compared with. */
export type FilterValue = string | number | boolean | null;

/** Comparison operators on one metadata field. */
export interface FieldOperators {
  $eq?: FilterValue;
  $ne?: FilterValue;
  $gt?: number | string;
  $gte?: number | string;
  $lt?: number | string;
  $lte?: number | string;
  $in?: FilterValue[];
  $nin?: FilterValue[];
  $exists?: boolean;
  $not?: FieldOperators;
}

/**
 * The portable metadata filter (Mongo-like). `{ field: value }` means `$eq`; several fields
 * in one object must all match. Every store translates it or refuses it with a clear error.
 *
 * @example
 * { $and: [{ source: { $in: ['a.md', 'b.md'] } }, { year: { $gte: 2020 } }] }
 */
export type MetadataFilter =
  | { $and: MetadataFilter[] }
  | { $or: MetadataFilter[] }
  | { $not: MetadataFilter }
  | { [field: string]: FilterValue | FieldOperators };
