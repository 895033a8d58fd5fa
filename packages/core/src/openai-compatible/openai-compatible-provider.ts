import { ValidationError } from '../errors/errors.js';
import { createOpenAIStyleChatModel } from '../openai-chat/index.js';
import { trimTrailingSlash } from '../provider-utils/env.js';
import { credentialHeaderValues } from '../provider-utils/redact.js';
import type { ChatModel, ModelCapabilities } from '../types/chat-model.js';

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
  for (const [key, value] of Object.entries(settings.queryParams ?? {}))
    base.searchParams.set(key, value);
  const url = base.toString();
  const capabilities: ModelCapabilities = {
    tools: true,
    structuredOutput: 'prompt',
    images: true,
    ...settings.capabilities,
  };
  return {
    chat(modelId: string) {
      return createOpenAIStyleChatModel(
        {
          provider: settings.name,
          url,
          headers: () => ({
            ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
            ...settings.headers,
          }),
          secrets: () => [settings.apiKey, ...credentialHeaderValues(settings.headers)],
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
