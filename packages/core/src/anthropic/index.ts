export {
  type AnthropicProvider,
  type AnthropicProviderSettings,
  anthropic,
  createAnthropic,
} from './anthropic-provider.js';
export { anthropicDefaultMaxOutputTokens } from './build-body.js';
