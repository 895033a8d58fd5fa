/**
 * A tiny WebAssembly module, assembled here byte by byte (no build step, no binary file), with
 * three SIMD kernels over an imported memory:
 *   dot_f32(matrix, query, rowBytes, rows, out)  f32x4 multiply-add, 16 floats per step
 *   dot_i8(matrix, query, rowBytes, rows, out)   int8 -> i16x8 -> i32x4.dot_i16x8_s, 32 bytes per step
 *   sum_f32(pointer, bytes) -> f32               reads memory once (the bandwidth reference)
 * Row sizes must be multiples of 64 bytes (dot_f32) or 32 bytes (dot_i8).
 */

const simd = (opcode: number): number[] => [0xfd, ...leb(opcode)];
function leb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}
const vector = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];
const name = (text: string): number[] => vector([...text].map((c) => [c.charCodeAt(0)]));

const i32 = 0x7f;
const f32 = 0x7d;
const v128 = 0x7b;
const get = (index: number) => [0x20, index];
const set = (index: number) => [0x21, index];
const tee = (index: number) => [0x22, index];
const load = (offset: number) => [...simd(0x00), 0, ...leb(offset)];
const addI32 = 0x6a;
const subI32 = 0x6b;
const i32Const = (value: number) => [0x41, ...signedLeb(value)];
// i32.const takes a signed LEB128: 64 is 0xc0 0x00, not 0x40 (which is -64).
function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}
const zeroV128 = [...simd(0x0c), ...new Array(16).fill(0)];
const f32x4Add = simd(0xe4);
const f32x4Mul = simd(0xe6);
const block = [0x02, 0x40];
const loop = [0x03, 0x40];
const end = 0x0b;
const brIf = (depth: number) => [0x0d, depth];
const br = (depth: number) => [0x0c, depth];

/**
 * The inner loop both float kernels share: four v128 accumulators (`accs`), 64 bytes per
 * turn, `step(acc, offset)` folding one 16-byte lane into an accumulator, the byte counter in
 * local `counter` running until it reaches local `limit`; then the accumulators are added
 * into local `total`.
 */
function unrolledSum(
  step: (acc: number, offset: number) => number[],
  accs: readonly [number, number, number, number],
  counter: number,
  limit: number,
  total: number,
): number[] {
  const [a, b, c, d] = accs;
  return [
    ...zeroV128,
    ...tee(a),
    ...tee(b),
    ...tee(c),
    ...set(d),
    ...loop,
    ...step(a, 0),
    ...step(b, 16),
    ...step(c, 32),
    ...step(d, 48),
    ...get(counter),
    ...i32Const(64),
    addI32,
    ...tee(counter),
    ...get(limit),
    0x49,
    ...brIf(0),
    end,
    ...get(a),
    ...get(b),
    ...f32x4Add,
    ...get(c),
    ...get(d),
    ...f32x4Add,
    ...f32x4Add,
    ...set(total),
  ];
}

// The row loop shared by dot_f32 and dot_i8 (params 0 matrix, 2 rowBytes, 3 rows, 4 out):
// leave when no rows are left; at the end of a row, store the f32 score on the stack at
// `out` (pushed before it), then step `out` by 4 bytes, the matrix by a row, and count down.
const rowLoopStart = [...block, ...loop, ...get(3), 0x45, ...brIf(1)];
const rowLoopEnd = [
  0x38,
  2,
  0,
  ...get(4),
  ...i32Const(4),
  addI32,
  ...set(4),
  ...get(0),
  ...get(2),
  addI32,
  ...set(0),
  ...get(3),
  ...i32Const(1),
  subI32,
  ...set(3),
  ...br(0),
  end,
  end,
];

/** The sum of the four f32 lanes of the v128 in local `total`, left on the stack. */
function horizontalSum(total: number): number[] {
  const lane = (index: number) => [...get(total), ...simd(0x1f), index];
  return [...lane(0), ...lane(1), 0x92, ...lane(2), 0x92, ...lane(3), 0x92];
}

// dot_f32 params: 0 matrix, 1 query, 2 rowBytes, 3 rows, 4 out; locals: 5 i, 6..9 acc, 10 sum.
function dotF32(): number[] {
  const step = (acc: number, offset: number) => [
    ...get(acc),
    ...get(0),
    ...get(5),
    addI32,
    ...load(offset),
    ...get(1),
    ...get(5),
    addI32,
    ...load(offset),
    ...f32x4Mul,
    ...f32x4Add,
    ...set(acc),
  ];
  const body = [
    ...rowLoopStart,
    ...i32Const(0),
    ...set(5),
    ...unrolledSum(step, [6, 7, 8, 9], 5, 2, 10),
    ...get(4),
    ...horizontalSum(10),
    ...rowLoopEnd,
  ];
  return [
    ...vector([
      [1, i32],
      [4, v128],
      [1, v128],
    ]),
    ...body,
    end,
  ];
}

// dot_i8 params as dot_f32; locals: 5 i, 6 acc0, 7 acc1, 8 x, 9 y, 10 sum (v128).
function dotI8(): number[] {
  const extendLow = simd(0x87);
  const extendHigh = simd(0x88);
  const dot = simd(0xba);
  const addI32x4 = simd(0xae);
  const step = (acc: number, offset: number) => [
    ...get(0),
    ...get(5),
    addI32,
    ...load(offset),
    ...set(8),
    ...get(1),
    ...get(5),
    addI32,
    ...load(offset),
    ...set(9),
    ...get(acc),
    ...get(8),
    ...extendLow,
    ...get(9),
    ...extendLow,
    ...dot,
    ...addI32x4,
    ...get(8),
    ...extendHigh,
    ...get(9),
    ...extendHigh,
    ...dot,
    ...addI32x4,
    ...set(acc),
  ];
  const lane = (index: number) => [...get(10), ...simd(0x1b), index];
  const body = [
    ...rowLoopStart,
    ...zeroV128,
    ...tee(6),
    ...set(7),
    ...i32Const(0),
    ...set(5),
    ...loop,
    ...step(6, 0),
    ...step(7, 16),
    ...get(5),
    ...i32Const(32),
    addI32,
    ...tee(5),
    ...get(2),
    0x49,
    ...brIf(0),
    end,
    ...get(6),
    ...get(7),
    ...addI32x4,
    ...set(10),
    ...get(4),
    ...lane(0),
    ...lane(1),
    addI32,
    ...lane(2),
    addI32,
    ...lane(3),
    addI32,
    0xb2,
    ...rowLoopEnd,
  ];
  return [
    ...vector([
      [1, i32],
      [5, v128],
    ]),
    ...body,
    end,
  ];
}

// sum_f32 params: 0 pointer, 1 bytes; locals: 2 end, 3..6 acc, 7 sum.
function sumF32(): number[] {
  const step = (acc: number, offset: number) => [
    ...get(acc),
    ...get(0),
    ...load(offset),
    ...f32x4Add,
    ...set(acc),
  ];
  const body = [
    ...get(0),
    ...get(1),
    addI32,
    ...set(2),
    ...unrolledSum(step, [3, 4, 5, 6], 0, 2, 7),
    ...horizontalSum(7),
  ];
  return [
    ...vector([
      [1, i32],
      [5, v128],
    ]),
    ...body,
    end,
  ];
}

/** The module's bytes. */
export function wasmSimdModuleBytes(): Uint8Array {
  const types = vector([
    [0x60, ...vector([[i32], [i32], [i32], [i32], [i32]]), 0],
    [0x60, ...vector([[i32], [i32]]), ...vector([[f32]])],
  ]);
  const imports = vector([[...name('env'), ...name('memory'), 0x02, 0x00, 1]]);
  const functions = vector([[0], [0], [1]]);
  const exports = vector([
    [...name('dot_f32'), 0x00, 0],
    [...name('dot_i8'), 0x00, 1],
    [...name('sum_f32'), 0x00, 2],
  ]);
  const code = vector([dotF32(), dotI8(), sumF32()].map((body) => [...leb(body.length), ...body]));
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, functions),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
