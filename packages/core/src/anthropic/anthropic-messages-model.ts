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
import { parseAnthropicResponse, parseAnthropicTokenCount } from './parse-response.js';
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

  // Anthropic's count endpoint takes the prompt fields of a Messages request, nothing else.
  const buildCount = (request: ChatRequest): WireRequest => {
    const wire = build(false)(request);
    const body = wire.body as Record<string, unknown>;
    const countBody: Record<string, unknown> = {};
    for (const key of ['model', 'system', 'messages', 'tools', 'tool_choice', 'thinking']) {
      if (body[key] !== undefined) countBody[key] = body[key];
    }
    return {
      ...wire,
      url: config.url().replace(/\/messages$/, '/messages/count_tokens'),
      body: countBody,
    };
  };

  return {
    provider: 'anthropic',
    modelId,
    capabilities,
    /** Exact prompt tokens from Anthropic's `POST /v1/messages/count_tokens`. */
    countTokens(request: ChatRequest, options: CallOptions = {}) {
      return generateOverHttp(http(), request, options, buildCount, (json, meta) =>
        parseAnthropicTokenCount(json, meta.requestId),
      );
    },
    generate(request: ChatRequest, options: CallOptions = {}) {
      return generateOverHttp(http(), request, options, build(false), parseAnthropicResponse);
    },
    stream(request: ChatRequest, options: CallOptions = {}) {
      return streamOverHttp(http(), request, options, build(true), createAnthropicStreamDecoder);
    },
  };
}
