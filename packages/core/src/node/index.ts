// `@weft/core/node`: the parts of Weft that need Node's file system. Everything else is in
// the edge-safe root entry.
export { fileEmbeddingCache } from '../embeddings/file-embedding-cache.js';
export { fileCassetteStorage } from './file-cassette-storage.js';
