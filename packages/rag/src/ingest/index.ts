// `fileIngestState` (./file-ingest-state.ts) is Node-only and ships from `@weft/rag/node`.
export { ingest } from './ingest.js';
export { emptyIngestState, memoryIngestState, parseIngestState } from './ingest-state.js';
export type {
  IngestedDocument,
  IngestOptions,
  IngestPhase,
  IngestProgress,
  IngestResult,
  IngestState,
  IngestStateStore,
} from './types.js';
