export {
  createOpenAI,
  type OpenAIEmbeddingSettings,
  type OpenAIProvider,
  type OpenAIProviderSettings,
  openai,
} from './openai-provider.js';
