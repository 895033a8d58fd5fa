import { AuthenticationError } from '../errors/errors.js';
import { readEnv, trimTrailingSlash } from '../provider-utils/env.js';
import { credentialHeaderValues } from '../provider-utils/redact.js';
import type { ChatModel } from '../types/chat-model.js';
import { createAnthropicMessagesModel } from './anthropic-messages-model.js';

export interface AnthropicProviderSettings {
  /** Defaults to the `ANTHROPIC_API_KEY` environment variable, read when a call is made. */
  apiKey?: string;
  /**
   * Defaults to `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com`. Requests go to
   * `<baseURL>/v1/messages`; a baseURL that already ends in `/v1` is accepted too.
   */
  baseURL?: string;
  /** Headers sent with every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /** A custom fetch (proxies, tests, edge runtimes). */
  fetch?: typeof globalThis.fetch;
}

export interface AnthropicProvider {
  /** A Messages API model, e.g. `anthropic.chat('claude-sonnet-4-5')`. */
  chat(modelId: string): ChatModel;
}

/** The API version Weft's wire translation is written against. */
const anthropicVersion = '2023-06-01';

function messagesUrl(baseURL: string): string {
  const root = trimTrailingSlash(baseURL);
  return root.endsWith('/v1') ? `${root}/messages` : `${root}/v1/messages`;
}

/**
 * An Anthropic provider. The key is read when a request is made, so a missing key is
 * reported on the first call, not at import.
 *
 * @example
 * const anthropic = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
 * const { text } = await generateText({ model: anthropic.chat('claude-sonnet-4-5'), prompt: 'Hi' });
 */
export function createAnthropic(settings: AnthropicProviderSettings = {}): AnthropicProvider {
  const apiKey = () => settings.apiKey ?? readEnv('ANTHROPIC_API_KEY');
  return {
    chat(modelId: string) {
      return createAnthropicMessagesModel(
        {
          url: () =>
            messagesUrl(
              settings.baseURL ?? readEnv('ANTHROPIC_BASE_URL') ?? 'https://api.anthropic.com',
            ),
          headers() {
            const key = apiKey();
            if (!key) {
              throw new AuthenticationError(
                'The Anthropic API key is missing: pass `apiKey` to createAnthropic() or set ANTHROPIC_API_KEY.',
                { provider: 'anthropic' },
              );
            }
            return {
              'x-api-key': key,
              'anthropic-version': anthropicVersion,
              'content-type': 'application/json',
              ...settings.headers,
            };
          },
          secrets: () => [apiKey(), ...credentialHeaderValues(settings.headers)],
          fetch: settings.fetch,
        },
        modelId,
      );
    },
  };
}

/** The default Anthropic provider, configured from `ANTHROPIC_API_KEY` and `ANTHROPIC_BASE_URL`. */
export const anthropic: AnthropicProvider = createAnthropic();
