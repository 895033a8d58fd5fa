import { javascriptKernel, type ScoreBuffer, type ScoreKernel } from './score-buffer.js';
import { wasmSimdModuleBytes } from './wasm-simd-module.js';

interface SimdExports {
  dot_f32(matrix: number, query: number, rowBytes: number, rows: number, out: number): void;
  dot_i8(matrix: number, query: number, rowBytes: number, rows: number, out: number): void;
  sum_f32(pointer: number, bytes: number): number;
}

const pageBytes = 65_536;
let compiled: WebAssembly.Module | null | undefined;

function compile(): WebAssembly.Module | undefined {
  if (compiled === undefined) {
    try {
      // Some runtimes (Cloudflare Workers, strict CSPs) forbid compiling WebAssembly from
      // bytes; they get the JavaScript kernel instead.
      compiled = new WebAssembly.Module(wasmSimdModuleBytes() as Uint8Array<ArrayBuffer>);
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

function instantiate(memory: WebAssembly.Memory): SimdExports {
  const module = compile() as WebAssembly.Module;
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdExports;
}

/**
 * One WebAssembly memory per matrix: the query at 0, the rows after it (so they stay in
 * place when the memory grows), the scores after the rows.
 */
function wasmBuffer(kind: 'float32' | 'int8', dimensions: number): ScoreBuffer {
  const rowBytes = kind === 'float32' ? dimensions * 4 : dimensions;
  const queryBytes = Math.ceil(rowBytes / 64) * 64;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const kernel = instantiate(memory);
  const dot = kind === 'float32' ? kernel.dot_f32 : kernel.dot_i8;
  let capacity = 0;
  return {
    resize(rows) {
      const needed = queryBytes + rows * (rowBytes + 4);
      const current = memory.buffer.byteLength;
      if (needed > current) memory.grow(Math.ceil((needed - current) / pageBytes));
      capacity = rows;
      return new Uint8Array(memory.buffer, queryBytes, rows * rowBytes);
    },
    score(query, rows) {
      new Uint8Array(memory.buffer, 0, rowBytes).set(
        new Uint8Array(query.buffer, query.byteOffset, rowBytes),
      );
      const out = queryBytes + capacity * rowBytes;
      dot(queryBytes, 0, rowBytes, rows, out);
      return new Float32Array(memory.buffer, out, rows);
    },
  };
}

/**
 * A kernel that scores rows with WebAssembly SIMD (f32x4 for exact scans, int8 dot products
 * for the quantized scan), or `undefined` where WebAssembly cannot be compiled. Dimensions
 * that are not a multiple of 16 (float32) or 32 (int8) fall back to JavaScript per buffer.
 */
export function createWasmSimdKernel(): ScoreKernel | undefined {
  if (typeof WebAssembly === 'undefined' || compile() === undefined) return undefined;
  return {
    name: 'wasm-simd',
    allocate(kind, dimensions) {
      const multiple = kind === 'float32' ? 16 : 32;
      return dimensions % multiple === 0
        ? wasmBuffer(kind, dimensions)
        : javascriptKernel.allocate(kind, dimensions);
    },
  };
}

let fastest: ScoreKernel | undefined;

/** The fastest kernel this runtime allows: WebAssembly SIMD, else plain JavaScript. */
export function defaultScoreKernel(): ScoreKernel {
  fastest ??= createWasmSimdKernel() ?? javascriptKernel;
  return fastest;
}

/**
 * Reads `bytes` bytes of a fresh WebAssembly memory once with SIMD and returns the sum:
 * the time it takes is the floor of any exact scan (used by the benchmark).
 */
export function createMemoryReader(
  bytes: number,
): { fill(source: Uint8Array): void; read(): number } | undefined {
  if (compile() === undefined) return undefined;
  const size = Math.ceil(bytes / 64) * 64;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(size / pageBytes) });
  const kernel = instantiate(memory);
  return {
    fill(source) {
      new Uint8Array(memory.buffer).set(source.subarray(0, size));
    },
    read: () => kernel.sum_f32(0, size),
  };
}
