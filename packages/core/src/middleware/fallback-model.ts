import { ProviderError, ValidationError } from '../errors/errors.js';
import { WeftError } from '../errors/weft-error.js';
import { type CallContext, createCallContext } from '../provider-utils/call-context.js';
import type {
  CallOptions,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
  FallbackAttempt,
  ResponseMetadata,
} from '../types/chat-model.js';
import { combineCapabilities } from './combine-capabilities.js';
import { continueOpening, openUntilContent } from './stream-events.js';

export interface FallbackModelOptions {
  /**
   * Whether to try the next model after `error`. Default: retryable provider errors (429,
   * 408, 409, 5xx, connection failures). Never consulted after the caller's abort or deadline.
   */
  shouldFallback?: (error: WeftError, model: ChatModel) => boolean;
  /** Called each time a model is skipped. */
  onFallback?: (attempt: FallbackAttempt) => void;
}

const defaultShouldFallback = (error: WeftError) =>
  ProviderError.isInstance(error) && error.retryable;

/**
 * A model that tries `models` in order, moving on after failures worth another model
 * (rate limits, overload, server and connection errors). The answer says which model gave
 * it (`response.provider`, `response.modelId`) and which were skipped (`response.fallbacks`).
 * A stream moves on only if it fails before any content. The caller's `timeout` covers
 * all attempts. It has the identity of the first model and what all the models can do.
 *
 * @example
 * const model = fallbackModel([openai.chat('gpt-4o-mini'), anthropic.chat('claude-haiku-4-5')]);
 */
export function fallbackModel(
  models: readonly ChatModel[],
  options: FallbackModelOptions = {},
): ChatModel {
  const [primary] = models;
  if (!primary) {
    throw new ValidationError('fallbackModel needs at least one model.', {
      issues: [{ path: ['models'], message: 'must hold at least one model' }],
    });
  }
  const shouldFallback = options.shouldFallback ?? defaultShouldFallback;
  const chain = [...models];

  // One deadline for every attempt; each model sees only its signal.
  const begin = (callOptions: CallOptions) => {
    const context = createCallContext(callOptions);
    const { timeout: _timeout, ...rest } = callOptions;
    return { context, inner: { ...rest, signal: context.signal } };
  };

  /** Records a skipped model, or returns false when `error` ends the call. */
  const skip = (
    error: unknown,
    model: ChatModel,
    index: number,
    context: CallContext,
    skipped: FallbackAttempt[],
  ): boolean => {
    if (context.stopReason() || index === chain.length - 1) return false;
    if (!WeftError.isInstance(error) || !shouldFallback(error, model)) return false;
    const attempt = { provider: model.provider, modelId: model.modelId, error };
    skipped.push(attempt);
    options.onFallback?.(attempt);
    return true;
  };

  const answeredBy =
    (model: ChatModel, skipped: FallbackAttempt[]) =>
    (response: ResponseMetadata): ResponseMetadata => ({
      ...response,
      provider: model.provider,
      modelId: response.modelId ?? model.modelId,
      fallbacks: skipped,
    });

  return {
    provider: primary.provider,
    modelId: primary.modelId,
    capabilities: combineCapabilities(chain),

    async generate(request: ChatRequest, callOptions: CallOptions = {}): Promise<ChatResponse> {
      const { context, inner } = begin(callOptions);
      const skipped: FallbackAttempt[] = [];
      try {
        for (const [index, model] of chain.entries()) {
          try {
            const response = await model.generate(request, inner);
            return { ...response, response: answeredBy(model, skipped)(response.response) };
          } catch (error) {
            if (!skip(error, model, index, context, skipped)) throw context.stopReason() ?? error;
          }
        }
        throw new Error('unreachable: the last model either answers or throws');
      } finally {
        context.dispose();
      }
    },

    async *stream(request: ChatRequest, callOptions: CallOptions = {}) {
      const { context, inner } = begin(callOptions);
      const skipped: FallbackAttempt[] = [];
      try {
        for (const [index, model] of chain.entries()) {
          const opening = await openUntilContent(model.stream(request, inner));
          if (!opening.ok && skip(opening.error, model, index, context, skipped)) continue;
          const stopped = context.stopReason();
          if (!opening.ok && opening.thrown && stopped) throw stopped;
          const mark = answeredBy(model, skipped);
          for await (const event of continueOpening(opening)) {
            yield annotate(event, mark, context);
          }
          return;
        }
      } finally {
        context.dispose();
      }
    },
  };
}

function annotate(
  event: ChatStreamEvent,
  mark: (response: ResponseMetadata) => ResponseMetadata,
  context: CallContext,
): ChatStreamEvent {
  if (event.type === 'finish') return { ...event, response: mark(event.response) };
  // The deadline shows below as an abort; report it as what it was.
  if (event.type === 'error') return { type: 'error', error: context.stopReason() ?? event.error };
  return event;
}
