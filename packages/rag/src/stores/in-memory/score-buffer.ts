/**
 * Where a matrix's rows live and how they are scored: a kernel hands out one buffer per
 * matrix (float32 rows or int8 rows), which keeps its contents when it grows and scores all
 * its rows against a query in one call.
 */
export interface ScoreBuffer {
  /** The row storage for `rows` rows, contents kept. Views taken before are invalid after. */
  resize(rows: number): Uint8Array;
  /** The dot product of each of the first `rows` rows with `query` (a view, valid until the next call). */
  score(query: Float32Array | Int8Array, rows: number): Float32Array;
}

/** A scoring kernel: plain JavaScript, or WebAssembly SIMD (`createWasmSimdKernel`). */
export interface ScoreKernel {
  readonly name: string;
  allocate(kind: 'float32' | 'int8', dimensions: number): ScoreBuffer;
}

/** The portable kernel: plain JavaScript loops over typed arrays. */
export const javascriptKernel: ScoreKernel = {
  name: 'javascript',
  allocate(kind, dimensions) {
    const rowBytes = kind === 'float32' ? dimensions * 4 : dimensions;
    let bytes = new Uint8Array(0);
    let out = new Float32Array(0);
    return {
      resize(rows) {
        const next = new Uint8Array(rows * rowBytes);
        next.set(bytes.subarray(0, Math.min(bytes.length, next.length)));
        bytes = next;
        return bytes;
      },
      score(query, rows) {
        if (out.length < rows) out = new Float32Array(Math.max(rows, out.length * 2));
        if (kind === 'float32') {
          const matrix = new Float32Array(bytes.buffer, bytes.byteOffset, rows * dimensions);
          for (let row = 0; row < rows; row++)
            out[row] = dotFloat32(matrix, row * dimensions, query as Float32Array);
        } else {
          const matrix = new Int8Array(bytes.buffer, bytes.byteOffset, rows * dimensions);
          for (let row = 0; row < rows; row++)
            out[row] = dotInt8(matrix, row * dimensions, query as Int8Array);
        }
        return out;
      },
    };
  },
};

/** Dot product of the row starting at `offset` with `query` (4-way unrolled for V8). */
export function dotFloat32(matrix: Float32Array, offset: number, query: Float32Array): number {
  const dimensions = query.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  let at = offset;
  for (; i + 3 < dimensions; i += 4, at += 4) {
    s0 += (matrix[at] as number) * (query[i] as number);
    s1 += (matrix[at + 1] as number) * (query[i + 1] as number);
    s2 += (matrix[at + 2] as number) * (query[i + 2] as number);
    s3 += (matrix[at + 3] as number) * (query[i + 3] as number);
  }
  for (; i < dimensions; i++, at++) s0 += (matrix[at] as number) * (query[i] as number);
  return s0 + s1 + s2 + s3;
}

/** Integer dot product of the int8 row starting at `offset` with an int8 query. */
export function dotInt8(matrix: Int8Array, offset: number, query: Int8Array): number {
  let sum = 0;
  for (let i = 0; i < query.length; i++)
    sum += (matrix[offset + i] as number) * (query[i] as number);
  return sum;
}
