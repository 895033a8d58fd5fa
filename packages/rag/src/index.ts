export * from './bm25/index.js';
export * from './chunkers/index.js';
export * from './loaders/index.js';
export type * from './types/index.js';
