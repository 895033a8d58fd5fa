export * from './bm25/index.js';
export * from './chunk-records/index.js';
export * from './chunkers/index.js';
export * from './errors/index.js';
export * from './filters/index.js';
export * from './loaders/index.js';
export * from './stores/in-memory/index.js';
export type * from './types/index.js';
