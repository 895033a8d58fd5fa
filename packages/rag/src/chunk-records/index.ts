export {
  chunkMetadataKeys,
  chunkToRecord,
  recordContentHash,
  recordToChunk,
} from './chunk-record.js';
