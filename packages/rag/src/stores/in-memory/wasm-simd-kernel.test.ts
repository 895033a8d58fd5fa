import { describe, expect, it } from 'vitest';
import { createRandom, randomUnitVector } from '../../conformance/random-data.js';
import { javascriptKernel } from './score-buffer.js';
import { quantizeInt8 } from './vector-math.js';
import { createWasmSimdKernel } from './wasm-simd-kernel.js';

describe('createWasmSimdKernel', () => {
  const kernel = createWasmSimdKernel();

  it('compiles on Node 20', () => {
    expect(kernel?.name).toBe('wasm-simd');
  });

  it('scores float32 and int8 rows like the JavaScript kernel, across growth', () => {
    const random = createRandom(2);
    for (const dimensions of [32, 64, 1536]) {
      for (const kind of ['float32', 'int8'] as const) {
        const wasm = kernel?.allocate(kind, dimensions);
        const js = javascriptKernel.allocate(kind, dimensions);
        let rows = 0;
        let wasmRows = wasm?.resize(4) as Uint8Array;
        let jsRows = js.resize(4);
        for (const capacity of [4, 9, 130]) {
          wasmRows = wasm?.resize(capacity) as Uint8Array;
          jsRows = js.resize(capacity);
          for (; rows < capacity; rows++) {
            const unit = randomUnitVector(random, dimensions);
            const bytes =
              kind === 'float32'
                ? new Uint8Array(unit.buffer)
                : (() => {
                    const q = new Int8Array(dimensions);
                    quantizeInt8(unit, q, 0);
                    return new Uint8Array(q.buffer);
                  })();
            wasmRows.set(bytes, rows * bytes.length);
            jsRows.set(bytes, rows * bytes.length);
          }
          const unit = randomUnitVector(random, dimensions);
          let query: Float32Array | Int8Array = unit;
          if (kind === 'int8') {
            query = new Int8Array(dimensions);
            quantizeInt8(unit, query, 0);
          }
          const expected = Array.from(js.score(query, rows));
          const actual = Array.from(wasm?.score(query, rows) ?? []);
          expect(actual).toHaveLength(rows);
          for (let row = 0; row < rows; row++) {
            expect(actual[row]).toBeCloseTo(expected[row] as number, kind === 'int8' ? 0 : 5);
          }
        }
      }
    }
  });
});
