import { describeVectorStore } from '../../conformance/index.js';
import { InMemoryVectorStore } from './in-memory-vector-store.js';
import { javascriptKernel } from './score-buffer.js';
import { createWasmSimdKernel } from './wasm-simd-kernel.js';

describeVectorStore('InMemoryVectorStore', () => new InMemoryVectorStore({ dimensions: 16 }));
describeVectorStore(
  'InMemoryVectorStore (int8)',
  () => new InMemoryVectorStore({ dimensions: 16, quantization: 'int8' }),
);
describeVectorStore(
  'InMemoryVectorStore (int8, 64 dimensions, 200 candidates)',
  () => new InMemoryVectorStore({ dimensions: 64, quantization: 'int8', rescoreCandidates: 200 }),
  { seed: 7 },
);
describeVectorStore(
  'InMemoryVectorStore (JavaScript kernel, 32 dimensions)',
  () => new InMemoryVectorStore({ dimensions: 32, kernel: javascriptKernel }),
);
// 64 dimensions: several SIMD steps per row, so a wrong loop in the kernel shows.
describeVectorStore(
  'InMemoryVectorStore (WebAssembly SIMD kernel, 64 dimensions)',
  () => new InMemoryVectorStore({ dimensions: 64, kernel: createWasmSimdKernel() }),
);
describeVectorStore(
  'InMemoryVectorStore (WebAssembly SIMD kernel, int8, 64 dimensions)',
  () =>
    new InMemoryVectorStore({
      dimensions: 64,
      quantization: 'int8',
      kernel: createWasmSimdKernel(),
    }),
);
