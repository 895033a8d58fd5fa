// `@weft/rag/testing`: the conformance suite every vector-store adapter, ours or yours, runs.
export * from '../conformance/index.js';
