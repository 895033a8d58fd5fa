export {
  decodeBase64Float32,
  encodeFloat32Base64,
} from './decode-embedding.js';
export {
  compatibleDefaultMaxBatchSize,
  openAIEmbeddingLimits,
} from './openai-embedding-limits.js';
export {
  createOpenAIStyleEmbeddingModel,
  type EmbeddingLimits,
  type OpenAIStyleEmbeddingConfig,
  validateEmbeddingSettings,
} from './openai-embedding-model.js';
export { parseEmbeddingResponse } from './parse-embedding-response.js';
