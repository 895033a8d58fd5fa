export type { AsyncChunker } from './async-chunker.js';
export type { ChunkSizeOptions } from './chunk-input.js';
export { type CodeChunkerOptions, codeChunker } from './code-chunker.js';
export type { CodeLanguage } from './code-declarations.js';
export { characterLength, type TokenLengthOptions, tokenLength } from './length.js';
export { type MarkdownChunkerOptions, markdownChunker } from './markdown-chunker.js';
export { type RecursiveChunkerOptions, recursiveChunker } from './recursive-chunker.js';
export { type SemanticChunkerOptions, semanticChunker } from './semantic-chunker.js';
export { type SentenceChunkerOptions, sentenceChunker } from './sentence-chunker.js';
export {
  type TokenChunkerCreateOptions,
  type TokenChunkerOptions,
  tokenChunker,
} from './token-chunker.js';
