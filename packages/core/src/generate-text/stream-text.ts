import { AbortError } from '../errors/errors.js';
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
import { deferred } from './deferred.js';
import { ReplayBuffer } from './replay-buffer.js';
import { StreamAccumulator } from './stream-accumulator.js';

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
    const accumulated = new StreamAccumulator();
    let outcome: Parameters<StreamAccumulator['end']>[0] = { threw: false };
    try {
      const stream = options.model.stream(request, { ...callOptions, signal: cancel.signal });
      for await (const batch of eventBatchesOf(stream)) {
        events.pushAll(batch);
        for (const event of batch) {
          accumulated.add(event);
          if (event.type === 'start') warnings.resolve(event.warnings);
        }
      }
    } catch (error) {
      outcome = { threw: true, error };
    } finally {
      callerSignal?.removeEventListener('abort', forwardAbort);
    }
    const reported = accumulated.failure;
    const failure = accumulated.end(outcome);
    // A failure the stream did not report itself still reaches its readers as an event.
    if (failure && failure !== reported) events.push({ type: 'error', error: failure });
    usage.resolve(accumulated.usage);
    warnings.resolve([]);
    if (failure || !accumulated.finish) {
      for (const pending of [text, reasoning, content, toolCalls, finishReason, response]) {
        pending.reject(failure);
      }
    } else {
      text.resolve(accumulated.text);
      reasoning.resolve(accumulated.reasoning);
      content.resolve(accumulated.content);
      toolCalls.resolve(accumulated.toolCalls);
      finishReason.resolve(accumulated.finish.finishReason);
      response.resolve(accumulated.finish.response);
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
