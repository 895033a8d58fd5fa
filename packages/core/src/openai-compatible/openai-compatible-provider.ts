import { ValidationError } from '../errors/errors.js';
import { createOpenAIStyleChatModel } from '../openai-chat/index.js';
import {
  compatibleDefaultMaxBatchSize,
  createOpenAIStyleEmbeddingModel,
} from '../openai-embedding/index.js';
import { trimTrailingSlash } from '../provider-utils/env.js';
import { credentialHeaderValues } from '../provider-utils/redact.js';
import type { ChatModel, ModelCapabilities } from '../types/chat-model.js';
import type { EmbeddingModel } from '../types/embedding-model.js';

export interface OpenAICompatibleProviderSettings {
  /** A short name for errors and `providerOptions`, e.g. `ollama`, `groq`. */
  name: string;
  /** The API root, e.g. `http://localhost:11434/v1`; `/chat/completions` is appended. */
  baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  apiKey?: string;
  /** Headers sent with every request (e.g. Azure's `api-key`). */
  headers?: Record<string, string>;
  /** Query parameters added to every URL (e.g. Azure's `api-version`). */
  queryParams?: Record<string, string>;
  /** Ask for usage in streams with `stream_options.include_usage` (default true). */
  includeUsage?: boolean;
  /** Which field carries the output limit: `max_tokens` (default) or `max_completion_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** What the server's models can do; tools and images are assumed. */
  capabilities?: Partial<ModelCapabilities>;
  fetch?: typeof globalThis.fetch;
}

export interface OpenAICompatibleProvider {
  chat(modelId: string): ChatModel;
  /** An embedding model served at `{baseURL}/embeddings`, e.g. `ollama.embedding('nomic-embed-text')`. */
  embedding(modelId: string, settings?: OpenAICompatibleEmbeddingSettings): EmbeddingModel;
}

/** What Weft cannot know about a compatible server's embedding model; say it here. */
export interface OpenAICompatibleEmbeddingSettings {
  /** Sent as `dimensions`, for models that can shorten their vectors. */
  dimensions?: number;
  /** Most inputs in one request. Default 512, which the common servers accept. */
  maxBatchSize?: number;
  /** Most tokens in one request, all inputs together; unlimited when not set. */
  maxBatchTokens?: number;
  /** Most tokens in one input; longer inputs are refused (or truncated) before sending. */
  maxInputTokens?: number;
  /**
   * The tokenizer to count with, when the model uses an OpenAI encoding. Without it, token
   * limits are applied with the UTF-8 byte length, an upper bound on BPE token counts.
   */
  encoding?: 'o200k_base' | 'cl100k_base';
  /** `base64` (default, as the openai SDK asks) or `float` for servers that refuse base64. */
  encodingFormat?: 'base64' | 'float';
}

/**
 * A provider for any server that speaks OpenAI's Chat Completions: Ollama, vLLM, LM Studio,
 * Groq, Together, OpenRouter, DeepSeek, Azure OpenAI.
 *
 * @example
 * const ollama = createOpenAICompatible({ name: 'ollama', baseURL: 'http://localhost:11434/v1' });
 * const model = ollama.chat('llama3.2');
 */
export function createOpenAICompatible(
  settings: OpenAICompatibleProviderSettings,
): OpenAICompatibleProvider {
  if (!settings || typeof settings.name !== 'string' || settings.name === '') {
    throw new ValidationError('createOpenAICompatible needs a `name`, e.g. "ollama".');
  }
  let base: URL;
  try {
    base = new URL(`${trimTrailingSlash(settings.baseURL)}/chat/completions`);
  } catch {
    throw new ValidationError(
      `createOpenAICompatible: baseURL ${JSON.stringify(settings.baseURL)} is not a valid URL.`,
    );
  }
  const embeddingsUrl = new URL(`${trimTrailingSlash(settings.baseURL)}/embeddings`);
  for (const [key, value] of Object.entries(settings.queryParams ?? {})) {
    base.searchParams.set(key, value);
    embeddingsUrl.searchParams.set(key, value);
  }
  const url = base.toString();
  const headers = () => ({
    ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
    ...settings.headers,
  });
  const secrets = () => [settings.apiKey, ...credentialHeaderValues(settings.headers)];
  const capabilities: ModelCapabilities = {
    tools: true,
    structuredOutput: 'prompt',
    images: true,
    ...settings.capabilities,
  };
  return {
    embedding(modelId: string, embeddingSettings: OpenAICompatibleEmbeddingSettings = {}) {
      const { dimensions, encodingFormat, ...limits } = embeddingSettings;
      return createOpenAIStyleEmbeddingModel(
        {
          provider: settings.name,
          url: embeddingsUrl.toString(),
          headers,
          secrets,
          fetch: settings.fetch,
          limits: { ...limits, maxBatchSize: limits.maxBatchSize ?? compatibleDefaultMaxBatchSize },
          dimensions,
          encodingFormat,
        },
        modelId,
      );
    },
    chat(modelId: string) {
      return createOpenAIStyleChatModel(
        {
          provider: settings.name,
          url,
          headers,
          secrets,
          fetch: settings.fetch,
          providerOptionsKey: settings.name,
          maxTokensField: settings.maxTokensField ?? 'max_tokens',
          includeStreamUsage: settings.includeUsage ?? true,
          capabilities,
        },
        modelId,
      );
    },
  };
}
