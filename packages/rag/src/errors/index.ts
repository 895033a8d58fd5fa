export { VectorStoreError } from './vector-store-error.js';
