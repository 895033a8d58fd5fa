export {
  createOpenAICompatible,
  type OpenAICompatibleEmbeddingSettings,
  type OpenAICompatibleProvider,
  type OpenAICompatibleProviderSettings,
} from './openai-compatible-provider.js';
