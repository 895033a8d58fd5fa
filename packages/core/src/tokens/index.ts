export {
  type CountableMessage,
  type CountMessageTokensOptions,
  chatTokenOverheads,
  countMessagesWith,
  countMessageTokens,
} from './count-message-tokens.js';
export { countToolTokens } from './count-tool-tokens.js';
export { type EncodingName, encodingNames } from './encoding-name.js';
export { countTokens, getTokenizer } from './get-tokenizer.js';
export {
  findEncodingForModel,
  knownModelFamilies,
  type TokenizerSelector,
} from './model-encoding.js';
export type { Tokenizer } from './tokenizer.js';
