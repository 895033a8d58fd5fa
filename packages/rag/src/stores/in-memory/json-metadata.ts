import { ValidationError } from '@weft/core';

/**
 * Copies metadata, checking that it is JSON (plain objects, arrays, strings, finite numbers,
 * booleans, null), so that what is stored is what a filter, `save` or any other store sees.
 */
export function copyMetadata(
  metadata: unknown,
  path: Array<string | number>,
): Record<string, unknown> | undefined {
  if (metadata === undefined) return undefined;
  if (!isPlainObject(metadata)) {
    fail(path, 'metadata must be a plain object.');
  }
  return copyJson(metadata, path, 0) as Record<string, unknown>;
}

function fail(path: Array<string | number>, message: string): never {
  throw new ValidationError(`${path.join('.')}: ${message}`, { issues: [{ path, message }] });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copyJson(value: unknown, path: Array<string | number>, depth: number): unknown {
  if (depth > 64) fail(path, 'metadata nests too deeply (more than 64 levels).');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, `metadata numbers must be finite, got ${value}.`);
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => copyJson(item, [...path, index], depth + 1));
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // undefined means "absent", as in JSON.
      if (item !== undefined) copy[key] = copyJson(item, [...path, key], depth + 1);
    }
    return copy;
  }
  return fail(path, `metadata values must be JSON; got ${typeof value}.`);
}

/** A copy of stored (already validated) metadata for a caller, who may mutate it freely. */
export function cloneMetadata(
  metadata: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  return metadata === undefined ? undefined : structuredClone(metadata);
}
