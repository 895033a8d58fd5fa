export {
  createOpenAI,
  type OpenAIProvider,
  type OpenAIProviderSettings,
  openai,
} from './openai-provider.js';
