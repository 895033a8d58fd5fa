export {
  countPromptTokens,
  countRequestTokens,
  type PromptTokenCount,
} from './count-prompt-tokens.js';
export {
  type FitToContextOptions,
  type FitToContextResult,
  fitToContext,
  type MessageTokenCounter,
} from './fit-to-context.js';
export { truncationMarker } from './truncate-message.js';
