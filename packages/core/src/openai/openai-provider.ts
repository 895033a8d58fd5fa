import { AuthenticationError } from '../errors/errors.js';
import { createOpenAIStyleChatModel } from '../openai-chat/index.js';
import {
  createOpenAIStyleEmbeddingModel,
  openAIEmbeddingLimits,
} from '../openai-embedding/index.js';
import { readEnv, trimTrailingSlash } from '../provider-utils/env.js';
import { credentialHeaderValues } from '../provider-utils/redact.js';
import type { ChatModel, ModelCapabilities } from '../types/chat-model.js';
import type { EmbeddingModel } from '../types/embedding-model.js';

export interface OpenAIProviderSettings {
  /** Defaults to the `OPENAI_API_KEY` environment variable, read when a call is made. */
  apiKey?: string;
  /** Defaults to `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  baseURL?: string;
  organization?: string;
  project?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A custom fetch (proxies, tests, edge runtimes). */
  fetch?: typeof globalThis.fetch;
}

export interface OpenAIProvider {
  /** A Chat Completions model, e.g. `openai.chat('gpt-4o-mini')`. */
  chat(modelId: string): ChatModel;
  /**
   * An embedding model, e.g. `openai.embedding('text-embedding-3-small', { dimensions: 512 })`.
   * Vectors arrive base64-encoded and decode straight into `Float32Array`s.
   */
  embedding(modelId: string, settings?: OpenAIEmbeddingSettings): EmbeddingModel;
}

export interface OpenAIEmbeddingSettings {
  /** Shorter vectors (text-embedding-3 models only), sent as `dimensions`. */
  dimensions?: number;
}

const capabilities: ModelCapabilities = { tools: true, structuredOutput: 'native', images: true };

/**
 * An OpenAI provider. The key is read when a request is made, so a missing key is reported
 * on the first call, not at import.
 *
 * @example
 * const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });
 * const { text } = await generateText({ model: openai.chat('gpt-4o-mini'), prompt: 'Hi' });
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  const apiKey = () => settings.apiKey ?? readEnv('OPENAI_API_KEY');
  const baseURL = () =>
    trimTrailingSlash(
      settings.baseURL ?? readEnv('OPENAI_BASE_URL') ?? 'https://api.openai.com/v1',
    );
  const headers = () => {
    const key = apiKey();
    if (!key) {
      throw new AuthenticationError(
        'The OpenAI API key is missing: pass `apiKey` to createOpenAI() or set OPENAI_API_KEY.',
        { provider: 'openai' },
      );
    }
    return {
      authorization: `Bearer ${key}`,
      ...(settings.organization ? { 'openai-organization': settings.organization } : {}),
      ...(settings.project ? { 'openai-project': settings.project } : {}),
      ...settings.headers,
    };
  };
  const secrets = () => [apiKey(), ...credentialHeaderValues(settings.headers)];
  return {
    embedding(modelId: string, embeddingSettings: OpenAIEmbeddingSettings = {}) {
      return createOpenAIStyleEmbeddingModel(
        {
          provider: 'openai',
          get url() {
            return `${baseURL()}/embeddings`;
          },
          headers,
          secrets,
          fetch: settings.fetch,
          limits: openAIEmbeddingLimits(modelId),
          dimensions: embeddingSettings.dimensions,
        },
        modelId,
      );
    },
    chat(modelId: string) {
      return createOpenAIStyleChatModel(
        {
          provider: 'openai',
          get url() {
            return `${baseURL()}/chat/completions`;
          },
          headers,
          secrets,
          fetch: settings.fetch,
          providerOptionsKey: 'openai',
          maxTokensField: 'max_completion_tokens',
          includeStreamUsage: true,
          capabilities,
        },
        modelId,
      );
    },
  };
}

/** The default OpenAI provider, configured from `OPENAI_API_KEY` and `OPENAI_BASE_URL`. */
export const openai: OpenAIProvider = createOpenAI();
