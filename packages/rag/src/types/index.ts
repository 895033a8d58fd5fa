export type * from './document.js';
export type * from './filter.js';
export type * from './retriever.js';
export type * from './vector-store.js';
