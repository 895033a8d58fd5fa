import { ValidationError } from '@weft/core';

/**
 * Checks a vector (length, finite values, not all zero) and returns it normalized to unit
 * length as a new Float32Array. Cosine similarity of unit vectors is their dot product.
 */
export function toUnitVector(
  vector: unknown,
  dimensions: number,
  path: Array<string | number>,
): Float32Array {
  const where = path.join('.');
  const fail = (message: string): never => {
    throw new ValidationError(`${where}: ${message}`, { issues: [{ path, message }] });
  };
  if (
    !(vector instanceof Float32Array) &&
    !(vector instanceof Float64Array) &&
    !Array.isArray(vector)
  ) {
    fail('a vector must be a Float32Array or an array of numbers.');
  }
  const values = vector as ArrayLike<unknown>;
  if (values.length !== dimensions) {
    fail(
      `dimension mismatch: the store holds ${dimensions}-dimensional vectors, got ${values.length}.`,
    );
  }
  let sum = 0;
  for (let i = 0; i < dimensions; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(`element ${i} is ${String(value)}; vectors must hold finite numbers.`);
    }
    sum += (value as number) * (value as number);
  }
  if (sum === 0) fail('a zero vector has no direction, so it has no cosine similarity.');
  const scale = 1 / Math.sqrt(sum);
  const unit = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) unit[i] = (values[i] as number) * scale;
  return unit;
}

/**
 * Quantizes a vector to int8 with one scale per vector (`value ~ q * scale`), writing into
 * `target` at `offset`; returns the scale.
 */
export function quantizeInt8(vector: Float32Array, target: Int8Array, offset: number): number {
  let maxAbs = 0;
  for (let i = 0; i < vector.length; i++) maxAbs = Math.max(maxAbs, Math.abs(vector[i] as number));
  const scale = maxAbs === 0 ? 1 : maxAbs / 127;
  for (let i = 0; i < vector.length; i++) {
    target[offset + i] = Math.round((vector[i] as number) / scale);
  }
  return scale;
}
