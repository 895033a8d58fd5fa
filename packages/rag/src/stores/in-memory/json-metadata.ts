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
  return copyJson(metadata, [...path], 0) as Record<string, unknown>;
}

function fail(path: Array<string | number>, message: string): never {
  throw new ValidationError(`${path.join('.')}: ${message}`, { issues: [{ path, message }] });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `path` is a stack shared down the recursion: pushed and popped, copied only for an error. */
function copyJson(value: unknown, path: Array<string | number>, depth: number): unknown {
  if (depth > 64) fail([...path], 'metadata nests too deeply (more than 64 levels).');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail([...path], `metadata numbers must be finite, got ${value}.`);
    return value;
  }
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      copy[index] = copyJson(value[index], path, depth + 1);
      path.pop();
    }
    return copy;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = value[key];
      // undefined means "absent", as in JSON.
      if (item === undefined) continue;
      path.push(key);
      setOwn(copy, key, copyJson(item, path, depth + 1));
      path.pop();
    }
    return copy;
  }
  return fail([...path], `metadata values must be JSON; got ${typeof value}.`);
}

/** `copy[key] = value`, except that a `__proto__` key (JSON.parse makes those) stays a key. */
function setOwn(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(copy, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    copy[key] = value;
  }
}

/** A deep copy of validated JSON (plain objects, arrays, primitives): cheaper than structuredClone. */
function cloneJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (Object.hasOwn(value, key))
      setOwn(copy, key, cloneJson((value as Record<string, unknown>)[key]));
  }
  return copy;
}

/** A copy of stored (already validated) metadata for a caller, who may mutate it freely. */
export function cloneMetadata(
  metadata: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  return metadata === undefined ? undefined : (cloneJson(metadata) as Record<string, unknown>);
}
