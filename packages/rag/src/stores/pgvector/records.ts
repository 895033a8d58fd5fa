import { ValidationError, type ValidationIssue } from '@weft/core';
import type { VectorRecord } from '../../types/index.js';

/** A record checked and encoded for SQL parameters. */
export interface EncodedRecord {
  id: string;
  /** pgvector's text format, `[1,2,3]`. */
  vector: string;
  text: string | null;
  /** JSON text of the metadata object; null when the record has none (kept apart from `{}`). */
  metadata: string | null;
}

type Path = Array<string | number>;

function fail(message: string, path: Path): never {
  const issue: ValidationIssue = { path, message };
  throw new ValidationError(`pgvector: ${message}`, { issues: [issue] });
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL text cannot hold NUL, and a lone surrogate would be silently replaced when the
 * driver encodes UTF-8, so what was stored would differ from what was written: both are refused.
 */
export function checkStorableString(value: string, path: Path, what: string): void {
  if (value.includes('\u0000'))
    fail(`${what} must not contain NUL characters (PostgreSQL text cannot store them).`, path);
  if (loneSurrogate.test(value)) fail(`${what} must not contain unpaired UTF-16 surrogates.`, path);
}

/** Checks one vector (length, finite values, not all zero) and returns pgvector's text form. */
export function encodeVector(vector: unknown, dimensions: number, path: Path): string {
  if (
    !(vector instanceof Float32Array || vector instanceof Float64Array || Array.isArray(vector))
  ) {
    fail('a vector must be a Float32Array or an array of numbers.', path);
  }
  const values = vector as ArrayLike<unknown>;
  if (values.length !== dimensions) {
    fail(
      `dimension mismatch: the store has ${dimensions} dimensions, the vector has ${values.length}.`,
      path,
    );
  }
  let squaredNorm = 0;
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(`vector values must be finite numbers; found ${String(value)} at index ${i}.`, [
        ...path,
        i,
      ]);
    }
    squaredNorm += value * value;
    parts[i] = String(value);
  }
  if (squaredNorm === 0)
    fail('a zero vector has no direction, so its cosine similarity is undefined.', path);
  return `[${parts.join(',')}]`;
}

/** Reads pgvector's text form back into a Float32Array. */
export function decodeVector(text: unknown): Float32Array {
  if (typeof text !== 'string' || !text.startsWith('[') || !text.endsWith(']')) {
    throw new TypeError(
      `pgvector: unexpected vector text from the database: ${String(text).slice(0, 40)}`,
    );
  }
  const body = text.slice(1, -1);
  if (body.length === 0) return new Float32Array(0);
  return Float32Array.from(body.split(','), Number);
}

function checkJson(value: unknown, path: Path, depth: number): void {
  if (depth > 64) fail('metadata nests too deeply (more than 64 levels).', path);
  if (value === null || typeof value === 'boolean' || value === undefined) return;
  if (typeof value === 'string') {
    checkStorableString(value, path, 'metadata strings');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(`metadata numbers must be finite; got ${value}.`, path);
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkJson(item, [...path, index], depth + 1);
    return;
  }
  if (
    typeof value === 'object' &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value))
  ) {
    for (const [key, item] of Object.entries(value)) {
      checkStorableString(key, [...path, key], 'metadata keys');
      checkJson(item, [...path, key], depth + 1);
    }
    return;
  }
  fail(
    `metadata must be plain JSON (objects, arrays, strings, finite numbers, booleans, null); got ${typeof value}.`,
    path,
  );
}

/** Checks a record id: a non-empty string PostgreSQL can store. */
export function checkId(id: unknown, path: Path): string {
  if (typeof id !== 'string' || id.length === 0) fail('ids must be non-empty strings.', path);
  checkStorableString(id, path, 'ids');
  return id;
}

/**
 * Checks a whole batch before any SQL runs (so a bad record changes nothing) and encodes it.
 * Duplicate ids in one batch are refused: which of the two should win is not obvious.
 */
export function encodeRecords(records: unknown, dimensions: number): EncodedRecord[] {
  if (!Array.isArray(records)) fail('upsert takes an array of records.', ['records']);
  const seen = new Set<string>();
  return records.map((record: unknown, index): EncodedRecord => {
    const path = ['records', index];
    if (typeof record !== 'object' || record === null) fail('each record must be an object.', path);
    const { id, vector, text, metadata } = record as VectorRecord;
    checkId(id, [...path, 'id']);
    if (seen.has(id))
      fail(`duplicate id ${JSON.stringify(id)} in one upsert batch.`, [...path, 'id']);
    seen.add(id);
    if (text !== undefined && typeof text !== 'string')
      fail('text must be a string when given.', [...path, 'text']);
    if (text !== undefined) checkStorableString(text, [...path, 'text'], 'text');
    if (
      metadata !== undefined &&
      (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    ) {
      fail('metadata must be a plain object when given.', [...path, 'metadata']);
    }
    if (metadata !== undefined) checkJson(metadata, [...path, 'metadata'], 0);
    return {
      id,
      vector: encodeVector(vector, dimensions, [...path, 'vector']),
      text: text ?? null,
      metadata: metadata === undefined ? null : JSON.stringify(metadata),
    };
  });
}
