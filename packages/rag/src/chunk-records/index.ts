export {
  chunkMetadataKeys,
  chunkToRecord,
  recordContentHash,
  recordHoldsChunk,
  recordToChunk,
} from './chunk-record.js';
