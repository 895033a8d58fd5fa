import { javascriptKernel, type ScoreBuffer, type ScoreKernel } from './score-buffer.js';
import { quantizeInt8 } from './vector-math.js';

/**
 * Unit vectors in one contiguous row-major Float32Array that grows by doubling, plus, in int8
 * mode, an Int8Array copy with one scale per row for the fast approximate scan. The arrays
 * live in the kernel's buffers (WebAssembly memory for the SIMD kernel), so scans read them
 * in place. Rows are kept dense: removing a row moves the last row into the hole.
 */
export class VectorMatrix {
  readonly dimensions: number;
  readonly quantized: boolean;
  floats: Float32Array<ArrayBufferLike> = new Float32Array(0);
  int8s: Int8Array<ArrayBufferLike> = new Int8Array(0);
  scales = new Float32Array(0);
  size = 0;
  private capacityRows = 0;
  private readonly floatBuffer: ScoreBuffer;
  private readonly int8Buffer: ScoreBuffer | undefined;

  constructor(options: { dimensions: number; quantized: boolean; kernel?: ScoreKernel }) {
    const kernel = options.kernel ?? javascriptKernel;
    this.dimensions = options.dimensions;
    this.quantized = options.quantized;
    this.floatBuffer = kernel.allocate('float32', this.dimensions);
    this.int8Buffer = this.quantized ? kernel.allocate('int8', this.dimensions) : undefined;
    this.resize(64);
  }

  get capacity(): number {
    return this.capacityRows;
  }

  /** Makes room for `rows` rows, doubling so that n appends cost O(n) copies in total. */
  reserve(rows: number): void {
    if (rows <= this.capacityRows) return;
    let capacity = Math.max(1, this.capacityRows);
    while (capacity < rows) capacity *= 2;
    this.resize(capacity);
  }

  private resize(capacity: number): void {
    const floats = this.floatBuffer.resize(capacity);
    this.floats = new Float32Array(floats.buffer, floats.byteOffset, capacity * this.dimensions);
    if (this.int8Buffer) {
      const int8s = this.int8Buffer.resize(capacity);
      this.int8s = new Int8Array(int8s.buffer, int8s.byteOffset, capacity * this.dimensions);
      const scales = new Float32Array(capacity);
      scales.set(this.scales.subarray(0, Math.min(this.size, capacity)));
      this.scales = scales;
    }
    this.capacityRows = capacity;
  }

  /**
   * Writes `values * scale` (a unit vector, `scale` from `unitScale`) into `row`, which must
   * be below `size` or equal to it to append. Normalizes straight into the matrix, so no
   * per-record copy is made.
   */
  writeScaled(row: number, values: ArrayLike<number>, scale: number): void {
    if (row === this.size) {
      this.reserve(this.size + 1);
      this.size++;
    }
    const dimensions = this.dimensions;
    const floats = this.floats;
    const offset = row * dimensions;
    for (let i = 0; i < dimensions; i++) floats[offset + i] = (values[i] as number) * scale;
    if (this.quantized) {
      const unit = floats.subarray(offset, offset + dimensions);
      this.scales[row] = quantizeInt8(unit, this.int8s, offset);
    }
  }

  /** A view of rows `start` to `end` (valid until the matrix grows). */
  rows(start: number, end: number): Float32Array {
    return this.floats.subarray(start * this.dimensions, end * this.dimensions);
  }

  /** A copy of one row. */
  read(row: number): Float32Array {
    const offset = row * this.dimensions;
    return this.floats.slice(offset, offset + this.dimensions);
  }

  /** Exact scores of every row against a unit query (a view, valid until the next scan). */
  scoreFloat32(query: Float32Array): Float32Array {
    return this.floatBuffer.score(query, this.size);
  }

  /** Integer dot products of every int8 row with an int8 query. */
  scoreInt8(query: Int8Array): Float32Array {
    if (!this.int8Buffer) throw new Error('scoreInt8 on a matrix without int8 rows');
    return this.int8Buffer.score(query, this.size);
  }

  /** Removes `row` by moving the last row into it; returns the index that moved (or -1). */
  swapRemove(row: number): number {
    const last = this.size - 1;
    const dimensions = this.dimensions;
    if (row !== last) {
      this.floats.copyWithin(row * dimensions, last * dimensions, (last + 1) * dimensions);
      if (this.quantized) {
        this.int8s.copyWithin(row * dimensions, last * dimensions, (last + 1) * dimensions);
        this.scales[row] = this.scales[last] as number;
      }
    }
    this.size = last;
    return row === last ? -1 : last;
  }

  /** Drops every row and gives most of the memory back. */
  clear(): void {
    this.size = 0;
    this.resize(1);
  }
}
