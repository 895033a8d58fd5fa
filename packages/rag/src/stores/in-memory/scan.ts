import { dotFloat32, dotInt8 } from './score-buffer.js';
import type { TopKHeap } from './top-k-heap.js';
import { quantizeInt8 } from './vector-math.js';
import type { VectorMatrix } from './vector-matrix.js';

/**
 * Pushes every accepted row's exact score into the heap. With no filter, the kernel scores
 * the whole matrix in one pass; with one, rows that fail it are skipped before any arithmetic.
 */
export function scanExact(options: {
  matrix: VectorMatrix;
  query: Float32Array;
  heap: TopKHeap;
  accept?: (row: number) => boolean;
  minScore: number;
}): void {
  const { matrix, query, heap, accept, minScore } = options;
  if (accept === undefined) {
    const scores = matrix.scoreFloat32(query);
    for (let row = 0; row < matrix.size; row++) {
      const score = scores[row] as number;
      if (score >= minScore && score > heap.threshold) heap.push(score, row);
    }
    return;
  }
  const dimensions = matrix.dimensions;
  for (let row = 0; row < matrix.size; row++) {
    if (!accept(row)) continue;
    const score = dotFloat32(matrix.floats, row * dimensions, query);
    if (score >= minScore) heap.push(score, row);
  }
}

/**
 * The int8 pass: approximate scores (integer dot product times both scales) pick the best
 * `heap` candidates; the caller rescores them exactly.
 */
export function scanInt8(options: {
  matrix: VectorMatrix;
  query: Int8Array;
  queryScale: number;
  heap: TopKHeap;
  accept?: (row: number) => boolean;
}): void {
  const { matrix, query, queryScale, heap, accept } = options;
  const { scales, dimensions } = matrix;
  if (accept === undefined) {
    const dots = matrix.scoreInt8(query);
    for (let row = 0; row < matrix.size; row++) {
      const score = (dots[row] as number) * (scales[row] as number) * queryScale;
      if (score > heap.threshold) heap.push(score, row);
    }
    return;
  }
  for (let row = 0; row < matrix.size; row++) {
    if (!accept(row)) continue;
    const dot = dotInt8(matrix.int8s, row * dimensions, query);
    heap.push(dot * (scales[row] as number) * queryScale, row);
  }
}

/**
 * The best `topK` rows after a full scan: exact float32 scores, or in int8 mode the int8
 * pass keeping `candidates` rows, rescored exactly.
 */
export function scanTopK(options: {
  matrix: VectorMatrix;
  unit: Float32Array;
  topK: number;
  minScore: number;
  accept: ((row: number) => boolean) | undefined;
  heap: TopKHeap;
  candidates: number;
}): Array<{ row: number; score: number }> {
  const { matrix, unit, topK, minScore, accept, heap } = options;
  if (!matrix.quantized) {
    heap.reset(topK);
    scanExact({ matrix, query: unit, heap, accept, minScore });
    return heap.drain();
  }
  const quantized = new Int8Array(matrix.dimensions);
  const queryScale = quantizeInt8(unit, quantized, 0);
  heap.reset(Math.max(topK, options.candidates));
  scanInt8({ matrix, query: quantized, queryScale, heap, accept });
  const exact = heap.drain();
  heap.reset(topK);
  for (const { row } of exact) {
    const score = dotFloat32(matrix.floats, row * matrix.dimensions, unit);
    if (score >= minScore) heap.push(score, row);
  }
  return heap.drain();
}
