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
import { buildOpenAIBody, type OpenAIBodyOptions } from './build-body.js';
import { isOpenAIContextLengthError, parseOpenAIErrorBody } from './parse-error.js';
import { parseOpenAIResponse } from './parse-response.js';
import { createOpenAIStreamDecoder } from './stream-decoder.js';

/** Everything that differs between OpenAI itself and an OpenAI-compatible server. */
export interface OpenAIStyleConfig extends Omit<OpenAIBodyOptions, 'modelId'> {
  provider: string;
  /** Full URL of the chat completions endpoint. */
  url: string;
  /** Headers for every request (auth included); read per call so keys can rotate. */
  headers(): Record<string, string>;
  /** Values never to show in errors. */
  secrets(): (string | undefined)[];
  fetch?: typeof globalThis.fetch;
  capabilities: ModelCapabilities;
}

/** A `ChatModel` speaking the Chat Completions protocol. */
export function createOpenAIStyleChatModel(config: OpenAIStyleConfig, modelId: string): ChatModel {
  const bodyOptions: OpenAIBodyOptions = { ...config, modelId };
  const http = (): ProviderHttpConfig => ({
    provider: config.provider,
    fetch: config.fetch,
    secrets: config.secrets(),
    parseErrorBody: parseOpenAIErrorBody,
    isContextLengthError: isOpenAIContextLengthError,
  });
  const build =
    (stream: boolean) =>
    (request: ChatRequest): WireRequest => {
      const { body, warnings } = buildOpenAIBody(request, bodyOptions, stream);
      return { url: config.url, headers: config.headers(), body, warnings };
    };

  return {
    provider: config.provider,
    modelId,
    capabilities: config.capabilities,
    generate(request: ChatRequest, options: CallOptions = {}) {
      return generateOverHttp(http(), request, options, build(false), (json, meta) =>
        parseOpenAIResponse(config.provider, json, meta),
      );
    },
    stream(request: ChatRequest, options: CallOptions = {}) {
      return streamOverHttp(http(), request, options, build(true), () =>
        createOpenAIStreamDecoder(config.provider),
      );
    },
  };
}
