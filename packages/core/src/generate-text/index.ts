export type { TextCallOptions } from './build-request.js';
export { type Deferred, deferred } from './deferred.js';
export {
  type GenerateTextOptions,
  type GenerateTextResult,
  generateText,
} from './generate-text.js';
export { ReplayBuffer } from './replay-buffer.js';
export { type StreamTextOptions, type StreamTextResult, streamText } from './stream-text.js';
