import { AbortError, ProviderError } from '../errors/errors.js';
import type { WeftError } from '../errors/weft-error.js';
import { eventBatchesOf } from '../provider-utils/event-batches.js';
import type {
  ChatStreamEvent,
  ResponseMetadata,
  ResponsePart,
  Warning,
} from '../types/chat-model.js';
import type { ToolCall } from '../types/tools.js';
import type { FinishReason, Usage } from '../types/usage.js';
import { buildTextRequest, type TextCallOptions } from './build-request.js';
import { ContentCollector } from './content-collector.js';
import { deferred, toStreamError } from './deferred.js';
import { ReplayBuffer } from './replay-buffer.js';

export type StreamTextOptions = TextCallOptions;

/**
 * A streaming call. Iterate it for every event, or `textStream` for the text alone; the
 * promises settle when the stream ends. The request starts at once; events are kept, so
 * each reader sees the whole stream whenever it starts. Leaving an iteration early cancels
 * the request.
 */
export interface StreamTextResult extends AsyncIterable<ChatStreamEvent> {
  /** The text deltas. Throws the stream's error, if it ends with one. */
  readonly textStream: AsyncIterable<string>;
  /** The whole text. Rejects with the stream's error. */
  readonly text: Promise<string>;
  readonly reasoning: Promise<string>;
  /**
   * Every part in the order the model produced it (text, reasoning with its signature, tool
   * calls): what an assistant message needs to continue the conversation.
   */
  readonly content: Promise<ResponsePart[]>;
  readonly toolCalls: Promise<ToolCall[]>;
  /** Resolves even when the stream fails or is aborted, with the usage known by then. */
  readonly usage: Promise<Usage>;
  readonly finishReason: Promise<FinishReason>;
  readonly warnings: Promise<Warning[]>;
  readonly response: Promise<ResponseMetadata>;
}

/**
 * Streams text (and tool calls) from any chat model. Bad input throws a `ValidationError`
 * at once, before any request.
 *
 * @example
 * const result = streamText({ model, prompt: 'Explain neural networks.' });
 * for await (const delta of result.textStream) process.stdout.write(delta);
 * console.log(await result.usage);
 */
export function streamText(options: StreamTextOptions): StreamTextResult {
  const { request, callOptions } = buildTextRequest(options);
  const cancel = new AbortController();
  const callerSignal = callOptions.signal;
  const forwardAbort = () => cancel.abort(callerSignal?.reason);
  if (callerSignal?.aborted) forwardAbort();
  else callerSignal?.addEventListener('abort', forwardAbort, { once: true });

  const events = new ReplayBuffer<ChatStreamEvent>();
  const text = deferred<string>();
  const reasoning = deferred<string>();
  const content = deferred<ResponsePart[]>();
  const toolCalls = deferred<ToolCall[]>();
  const usage = deferred<Usage>();
  const finishReason = deferred<FinishReason>();
  const warnings = deferred<Warning[]>();
  const response = deferred<ResponseMetadata>();

  const pump = async () => {
    let fullText = '';
    let fullReasoning = '';
    const calls: ToolCall[] = [];
    const parts = new ContentCollector();
    let lastUsage: Usage = {};
    let failure: WeftError | undefined;
    let finished = false;
    try {
      const stream = options.model.stream(request, { ...callOptions, signal: cancel.signal });
      for await (const batch of eventBatchesOf(stream)) {
        events.pushAll(batch);
        for (const event of batch) {
          switch (event.type) {
            case 'start':
              warnings.resolve(event.warnings);
              break;
            case 'text-delta':
              fullText += event.delta;
              parts.text(event.delta);
              break;
            case 'reasoning-delta':
              fullReasoning += event.delta;
              parts.reasoning(event.delta, event.signature);
              break;
            case 'tool-call': {
              const { type: _type, ...call } = event;
              calls.push(call);
              parts.toolCall(call);
              break;
            }
            case 'usage':
              lastUsage = event.usage;
              break;
            case 'finish':
              finished = true;
              lastUsage = event.usage;
              finishReason.resolve(event.finishReason);
              response.resolve(event.response);
              break;
            case 'error':
              failure = event.error;
              break;
          }
        }
      }
    } catch (error) {
      failure = toStreamError(error);
      events.push({ type: 'error', error: failure });
    } finally {
      callerSignal?.removeEventListener('abort', forwardAbort);
    }
    if (!failure && !finished) {
      failure = new ProviderError('The model stream ended without a finish event.', {
        code: 'stream_incomplete',
      });
      events.push({ type: 'error', error: failure });
    }
    usage.resolve(lastUsage);
    warnings.resolve([]);
    if (failure) {
      for (const pending of [text, reasoning, content, toolCalls, finishReason, response]) {
        pending.reject(failure);
      }
    } else {
      text.resolve(fullText);
      reasoning.resolve(fullReasoning);
      content.resolve(parts.parts);
      toolCalls.resolve(calls);
    }
    events.close();
  };
  void pump();

  // A reader that stops before the end cancels the request.
  const stopEarly = () => {
    if (!cancel.signal.aborted) {
      cancel.abort(new AbortError('The stream was cancelled: its reader stopped early.'));
    }
  };
  const textOf = (event: ChatStreamEvent): string | undefined => {
    if (event.type === 'text-delta') return event.delta;
    if (event.type === 'error') throw event.error;
    return undefined;
  };

  return {
    [Symbol.asyncIterator]: () => events.read(undefined, stopEarly),
    get textStream() {
      return { [Symbol.asyncIterator]: () => events.read(textOf, stopEarly) };
    },
    text: text.promise,
    reasoning: reasoning.promise,
    content: content.promise,
    toolCalls: toolCalls.promise,
    usage: usage.promise,
    finishReason: finishReason.promise,
    warnings: warnings.promise,
    response: response.promise,
  };
}
