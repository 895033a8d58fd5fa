/**
 * A complete provider for "Acme", a made-up chat API, built on `@weft/core/provider-utils` the
 * way Weft's own providers are: typed errors with the key redacted, retries honouring
 * `retry-after`, the caller's signal and timeout over the whole call, and a stream that follows
 * the `ChatModel` contract (start, deltas, usage, finish; an `error` event once started).
 *
 * The Acme API: `POST {baseURL}/chat` with `{ model, messages: [{ role, content }], stream }`;
 * it answers `{ id, text, usage: { input, output } }`, or with `stream: true` Server-Sent
 * Events `{"delta": "..."}`, then `{"usage": {...}}`, then `[DONE]`.
 */
import {
  type CallOptions,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ChatStreamEvent,
  type Usage,
  type Warning,
  WeftError,
} from '@weft/core';
import {
  type CallContext,
  createCallContext,
  invalidResponseError,
  isRecord,
  numberField,
  type ProviderHttpConfig,
  postOnce,
  readJsonResponse,
  readServerSentEvents,
  recordField,
  stringField,
  withRetries,
} from '@weft/core/provider-utils';

export interface AcmeOptions {
  apiKey: string;
  baseURL: string;
  fetch?: typeof globalThis.fetch;
}

/** The request body, and a warning for each setting Acme has no field for. */
function acmeBody(modelId: string, request: ChatRequest, stream: boolean) {
  const warnings: Warning[] = [];
  for (const setting of ['tools', 'temperature', 'topP', 'seed', 'stopSequences'] as const) {
    if (request[setting] !== undefined) {
      warnings.push({ type: 'unsupported-setting', setting, message: `Acme has no ${setting}.` });
    }
  }
  const messages = request.messages.map((message) => {
    if (typeof message.content === 'string')
      return { role: message.role, content: message.content };
    const text = message.content.map((part) => ('text' in part ? part.text : '')).join('');
    if (message.content.some((part) => !('text' in part))) {
      warnings.push({ type: 'unsupported-content', message: 'Acme reads text parts only.' });
    }
    return { role: message.role, content: text };
  });
  return { body: JSON.stringify({ model: modelId, messages, stream }), warnings };
}

function acmeUsage(json: unknown): Usage {
  const usage = isRecord(json) ? recordField(json, 'usage') : undefined;
  const inputTokens = usage ? numberField(usage, 'input') : undefined;
  const outputTokens = usage ? numberField(usage, 'output') : undefined;
  const totalTokens =
    inputTokens !== undefined && outputTokens !== undefined
      ? inputTokens + outputTokens
      : undefined;
  return { inputTokens, outputTokens, totalTokens };
}

/** `createAcme({ apiKey, baseURL })('acme-1')` is a `ChatModel` every Weft function accepts. */
export function createAcme(options: AcmeOptions): (modelId: string) => ChatModel {
  const config: ProviderHttpConfig = {
    provider: 'acme',
    fetch: options.fetch,
    secrets: [options.apiKey],
    parseErrorBody(body) {
      try {
        const parsed: unknown = JSON.parse(body);
        const message = isRecord(parsed) ? stringField(parsed, 'error') : undefined;
        return message === undefined ? {} : { message };
      } catch {
        return {};
      }
    },
    isContextLengthError: (parsed) => parsed.message?.includes('too long') ?? false,
  };

  /** One POST, retried as the call allows; resolves with the response, body unread. */
  function post(body: string, context: CallContext, callOptions: CallOptions) {
    return withRetries(
      () =>
        postOnce(config, {
          url: `${options.baseURL}/chat`,
          headers: { authorization: `Bearer ${options.apiKey}`, ...callOptions.headers },
          body,
          context,
        }),
      { context, maxRetries: callOptions.maxRetries, onRetry: callOptions.onRetry },
    );
  }

  return (modelId) => ({
    provider: 'acme',
    modelId,
    capabilities: { tools: false, structuredOutput: 'prompt', images: false },

    async generate(request, callOptions = {}): Promise<ChatResponse> {
      const { body, warnings } = acmeBody(modelId, request, false);
      const context = createCallContext(callOptions);
      try {
        const response = await post(body, context, callOptions);
        const json = await readJsonResponse(config, response, context);
        const text = isRecord(json) ? stringField(json, 'text') : undefined;
        if (text === undefined) throw invalidResponseError(config, 'no `text`');
        return {
          text,
          toolCalls: [],
          content: [{ type: 'text', text }],
          finishReason: 'stop',
          usage: acmeUsage(json),
          warnings,
          response: { id: isRecord(json) ? stringField(json, 'id') : undefined, modelId },
        };
      } finally {
        context.dispose();
      }
    },

    async *stream(request, callOptions = {}): AsyncGenerator<ChatStreamEvent> {
      const { body, warnings } = acmeBody(modelId, request, true);
      const context = createCallContext(callOptions);
      try {
        // A failure here, before the first event, rejects the iteration.
        const response = await post(body, context, callOptions);
        if (!response.body) throw invalidResponseError(config, 'no stream body');
        yield { type: 'start', warnings };
        let usage: Usage = {};
        try {
          for await (const batch of readServerSentEvents(response.body)) {
            for (const event of batch) {
              if (event.data === '[DONE]') {
                yield { type: 'usage', usage };
                yield { type: 'finish', finishReason: 'stop', usage, response: { modelId } };
                return;
              }
              const data: unknown = JSON.parse(event.data);
              const delta = isRecord(data) ? stringField(data, 'delta') : undefined;
              if (delta !== undefined) yield { type: 'text-delta', delta };
              else if (isRecord(data) && recordField(data, 'usage')) usage = acmeUsage(data);
            }
          }
          throw invalidResponseError(config, 'the stream ended before [DONE]');
        } catch (cause) {
          // Once started, a failure is an event: what was known, then the error.
          const error = context.stopReason() ?? asWeftError(cause, config);
          yield { type: 'usage', usage };
          yield { type: 'error', error };
        }
      } finally {
        context.dispose();
      }
    },
  });
}

/** Weft's errors as they are; anything else (a malformed event) as an invalid response. */
function asWeftError(cause: unknown, config: ProviderHttpConfig): WeftError {
  if (WeftError.isInstance(cause)) return cause;
  return invalidResponseError(config, cause instanceof Error ? cause.message : String(cause));
}
