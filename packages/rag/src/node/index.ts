// `@weft/rag/node`: the parts of @weft/rag that need Node's file system. The root entry
// stays edge-safe.

export { fileIngestState } from '../ingest/file-ingest-state.js';
export * from '../loaders/node.js';
export {
  type LoadVectorStoreOptions,
  loadVectorStore,
  saveVectorStore,
} from '../stores/in-memory/persist.js';
