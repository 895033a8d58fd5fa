import type { EventSourceMessage } from 'eventsource-parser';
import { ProviderError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import { validateCallOptions, validateChatRequest } from '../prompt/validate-request.js';
import type {
  CallOptions,
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
  Warning,
} from '../types/chat-model.js';
import type { Usage } from '../types/usage.js';
import { type CallContext, createCallContext } from './call-context.js';
import { withEventBatches } from './event-batches.js';
import { type ProviderHttpConfig, postOnce, readJsonResponse, requestIdFrom } from './http.js';
import { credentialHeaderValues } from './redact.js';
import { withRetries } from './retry.js';
import { readServerSentEvents } from './sse.js';

/** A provider request ready to send. */
export interface WireRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  warnings: Warning[];
}

/**
 * Turns one provider's SSE events into Weft stream events. `accept` pushes the events an
 * SSE message produces and returns `'done'` at the provider's end-of-stream marker;
 * `finish` pushes the closing events and throws when the stream ended too early.
 */
export interface StreamDecoder {
  accept(message: EventSourceMessage, out: ChatStreamEvent[]): 'continue' | 'done';
  finish(out: ChatStreamEvent[]): void;
  /** Usage known so far, for aborted or broken streams. */
  usage(): Usage;
}

/** The events that close a complete stream: its usage, then `finish`. */
export function pushClosingEvents(
  out: ChatStreamEvent[],
  end: Omit<Extract<ChatStreamEvent, { type: 'finish' }>, 'type'>,
): void {
  out.push({ type: 'usage', usage: end.usage });
  out.push({ type: 'finish', ...end });
}

/** A stream that ended without the provider's end-of-response marker. */
export function incompleteStreamError(provider: string): ProviderError {
  return new ProviderError(`The ${provider} stream ended before the response was complete.`, {
    code: 'stream_incomplete',
    provider,
  });
}

function asWeftError(error: unknown, context: CallContext, http: ProviderHttpConfig): WeftError {
  const stopped = context.stopReason();
  if (stopped) return stopped;
  if (WeftError.isInstance(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(`The ${http.provider} stream broke: ${detail}`, {
    code: 'connection_error',
    provider: http.provider,
    retryable: false,
  });
}

function hasUsage(usage: Usage): boolean {
  return Object.values(usage).some((value) => value !== undefined);
}

/** Sends a non-streaming request and parses the response, under one call context and the retry policy. */
export async function generateOverHttp<Result = ChatResponse>(
  http: ProviderHttpConfig,
  request: ChatRequest,
  options: CallOptions,
  build: (request: ChatRequest) => WireRequest,
  parse: (json: unknown, meta: { requestId?: string; warnings: Warning[] }) => Result,
): Promise<Result> {
  validateChatRequest(request);
  validateCallOptions(options);
  http = withCallSecrets(http, options);
  const wire = build(request);
  const context = createCallContext(options);
  try {
    // Reading the body is part of the attempt: a connection lost mid-body is retried too.
    const { json, response } = await withRetries(
      async () => {
        const response = await postOnce(http, postOptions(wire, options, context));
        return { json: await readJsonResponse(http, response, context), response };
      },
      { context, maxRetries: options.maxRetries, onRetry: options.onRetry },
    );
    return parse(json, { requestId: requestIdFrom(response.headers), warnings: wire.warnings });
  } catch (error) {
    throw asWeftError(error, context, http);
  } finally {
    context.dispose();
  }
}

/** Credentials in a call's own headers are secrets too. */
function withCallSecrets(http: ProviderHttpConfig, options: CallOptions): ProviderHttpConfig {
  if (!options.headers) return http;
  return { ...http, secrets: [...http.secrets, ...credentialHeaderValues(options.headers)] };
}

function postOptions(wire: WireRequest, options: CallOptions, context: CallContext) {
  return {
    url: wire.url,
    body: JSON.stringify(wire.body),
    headers: options.headers ? { ...wire.headers, ...options.headers } : wire.headers,
    context,
  };
}

/**
 * Streams a request: retries while connecting, then decodes SSE events. After the first
 * event, failures (abort, timeout, a broken connection, malformed data) end the stream
 * with a `usage` event holding what was known and an `error` event. Leaving the loop early
 * cancels the body, which closes the connection.
 *
 * Events are decoded a network chunk at a time and handed out one by one from that batch,
 * so a reader pays one resolved promise per event rather than an async generator's
 * several microtask turns: streams carry tens of thousands of events.
 */
export function streamOverHttp(
  http: ProviderHttpConfig,
  request: ChatRequest,
  options: CallOptions,
  build: (request: ChatRequest) => WireRequest,
  createDecoder: () => StreamDecoder,
): AsyncIterableIterator<ChatStreamEvent> {
  return flattenBatches(streamBatchesOverHttp(http, request, options, build, createDecoder));
}

async function* streamBatchesOverHttp(
  http: ProviderHttpConfig,
  request: ChatRequest,
  options: CallOptions,
  build: (request: ChatRequest) => WireRequest,
  createDecoder: () => StreamDecoder,
): AsyncGenerator<ChatStreamEvent[], void, undefined> {
  validateChatRequest(request);
  validateCallOptions(options);
  http = withCallSecrets(http, options);
  const wire = build(request);
  const context = createCallContext(options);
  try {
    let response: Response;
    try {
      const request = postOptions(wire, options, context);
      response = await withRetries(() => postOnce(http, request), {
        context,
        maxRetries: options.maxRetries,
        onRetry: options.onRetry,
      });
    } catch (error) {
      throw asWeftError(error, context, http);
    }
    yield [{ type: 'start', warnings: wire.warnings, requestId: requestIdFrom(response.headers) }];
    const decoder = createDecoder();
    let out: ChatStreamEvent[] = [];
    let failure: WeftError | undefined;
    try {
      if (!response.body)
        throw new ProviderError(`${http.provider} sent no response body.`, {
          provider: http.provider,
        });
      reading: for await (const batch of readServerSentEvents(response.body)) {
        for (const message of batch) {
          if (decoder.accept(message, out) === 'done') break reading;
        }
        if (out.length > 0) {
          const ready = out;
          out = [];
          yield ready;
        }
      }
      decoder.finish(out);
    } catch (error) {
      failure = asWeftError(error, context, http);
    }
    if (failure) {
      const usage = decoder.usage();
      (failure as { usage?: Usage }).usage = usage;
      if (hasUsage(usage)) out.push({ type: 'usage', usage });
      out.push({ type: 'error', error: failure });
    }
    if (out.length > 0) yield out;
  } finally {
    context.dispose();
  }
}

/** Hands out the items of each batch one by one; `return()` reaches the batch source. */
function flattenBatches<T>(
  batches: AsyncGenerator<T[], void, undefined>,
): AsyncIterableIterator<T> {
  let batch: T[] = [];
  let index = 0;
  const nextBatch = async (): Promise<IteratorResult<T, undefined>> => {
    for (;;) {
      const result = await batches.next();
      if (result.done) return { done: true, value: undefined };
      batch = result.value;
      index = 0;
      if (batch.length > 0) return { done: false, value: batch[index++] as T };
    }
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      index < batch.length
        ? Promise.resolve({ done: false, value: batch[index++] as T })
        : nextBatch(),
    return: async () => {
      batch = [];
      await batches.return(undefined);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  // Read either the events one by one, or the batches whole; not both.
  return withEventBatches(iterator, () => batches);
}
