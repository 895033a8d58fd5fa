// Node-only (node:fs, node:path): loaders that read the file system.
export {
  type LoadDirectoryOptions,
  type LoadDirectoryResult,
  loadDirectory,
  type SkippedFile,
  type SkipReason,
} from './load-directory.js';
export { defaultMaxFileBytes, type LoadFileOptions, loadFile } from './load-file.js';
