export * from './chat/index.js';
export * from './context/index.js';
export * from './embeddings/index.js';
export * from './errors/index.js';
export * from './generate-text/index.js';
export * from './middleware/index.js';
export * from './models/index.js';
export { toolNamePattern, validateChatRequest } from './prompt/validate-request.js';
export * from './prompt-template/index.js';
export * from './structured-output/index.js';
export {
  type CountableMessage,
  type CountMessageTokensOptions,
  chatTokenOverheads,
  countMessagesWith,
  countMessageTokens,
  countTokens,
  countToolTokens,
  type EncodingName,
  encodingNames,
  findEncodingForModel,
  getTokenizer,
  knownModelFamilies,
  type Tokenizer,
  type TokenizerSelector,
} from './tokens/index.js';
export type * from './types/index.js';
