import {
  generateOverHttp,
  streamOverHttp,
  type WireRequest,
} from '../provider-utils/chat-transport.js';
import type { ProviderHttpConfig } from '../provider-utils/http.js';
import type {
  CallOptions,
  ChatModel,
  ChatRequest,
  ModelCapabilities,
} from '../types/chat-model.js';
import { buildAnthropicBody } from './build-body.js';
import { isAnthropicContextLengthError, parseAnthropicErrorBody } from './parse-error.js';
import { parseAnthropicResponse } from './parse-response.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';

export interface AnthropicMessagesConfig {
  /** Full URL of the messages endpoint. */
  url(): string;
  /** Headers for every request (auth included); read per call so keys can rotate. */
  headers(): Record<string, string>;
  /** Values never to show in errors. */
  secrets(): (string | undefined)[];
  fetch?: typeof globalThis.fetch;
}

const capabilities: ModelCapabilities = { tools: true, structuredOutput: 'tool', images: true };

/** A `ChatModel` speaking Anthropic's Messages API. */
export function createAnthropicMessagesModel(
  config: AnthropicMessagesConfig,
  modelId: string,
): ChatModel {
  const http = (): ProviderHttpConfig => ({
    provider: 'anthropic',
    fetch: config.fetch,
    secrets: config.secrets(),
    parseErrorBody: parseAnthropicErrorBody,
    isContextLengthError: isAnthropicContextLengthError,
  });
  const build =
    (stream: boolean) =>
    (request: ChatRequest): WireRequest => {
      const headers = config.headers();
      const { body, warnings } = buildAnthropicBody(request, modelId, stream);
      return { url: config.url(), headers, body, warnings };
    };

  return {
    provider: 'anthropic',
    modelId,
    capabilities,
    generate(request: ChatRequest, options: CallOptions = {}) {
      return generateOverHttp(http(), request, options, build(false), parseAnthropicResponse);
    },
    stream(request: ChatRequest, options: CallOptions = {}) {
      return streamOverHttp(http(), request, options, build(true), createAnthropicStreamDecoder);
    },
  };
}
