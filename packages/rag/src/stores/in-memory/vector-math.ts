import { ValidationError } from '@weft/core';

/**
 * Checks a vector (array or typed array, `dimensions` finite numbers, not all zero) and
 * returns the factor that scales it to unit length. Nothing is allocated, so a batch can be
 * checked whole before any of it is written.
 */
export function unitScale(
  vector: unknown,
  dimensions: number,
  path: Array<string | number>,
): number {
  const fail = (message: string): never => {
    throw new ValidationError(`${path.join('.')}: ${message}`, { issues: [{ path, message }] });
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
  if (vector instanceof Float32Array || vector instanceof Float64Array) {
    // Typed arrays hold numbers only: the finite check can wait for the (rare) bad sum.
    for (let i = 0; i < dimensions; i++) sum += (vector[i] as number) * (vector[i] as number);
    if (!Number.isFinite(sum)) {
      for (let i = 0; i < dimensions; i++) {
        if (!Number.isFinite(vector[i])) {
          fail(`element ${i} is ${String(vector[i])}; vectors must hold finite numbers.`);
        }
      }
    }
  } else {
    for (let i = 0; i < dimensions; i++) {
      const value = values[i];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail(`element ${i} is ${String(value)}; vectors must hold finite numbers.`);
      }
      sum += (value as number) * (value as number);
    }
  }
  if (sum === 0) fail('a zero vector has no direction, so it has no cosine similarity.');
  // Finite components whose squares overflow: scale by the largest first.
  if (!Number.isFinite(sum)) return overflowSafeScale(values as ArrayLike<number>, dimensions);
  return 1 / Math.sqrt(sum);
}

function overflowSafeScale(values: ArrayLike<number>, dimensions: number): number {
  let largest = 0;
  for (let i = 0; i < dimensions; i++) largest = Math.max(largest, Math.abs(values[i] as number));
  let sum = 0;
  for (let i = 0; i < dimensions; i++) sum += ((values[i] as number) / largest) ** 2;
  return 1 / (largest * Math.sqrt(sum));
}

/**
 * Checks a vector like `unitScale` and returns it normalized to unit length as a new
 * Float32Array. Cosine similarity of unit vectors is their dot product.
 */
export function toUnitVector(
  vector: unknown,
  dimensions: number,
  path: Array<string | number>,
): Float32Array {
  const scale = unitScale(vector, dimensions, path);
  const values = vector as ArrayLike<number>;
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
