import type {
  CallOptions,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
} from '../types/chat-model.js';
import type { ChatMiddleware } from './chat-middleware.js';

/**
 * Wraps a model in middleware. The first middleware in the list is the outermost: it sees
 * the caller's request first and the model's response last. The wrapped model keeps the
 * model's provider, id, capabilities and `countTokens`.
 *
 * @example
 * const model = wrapModel(openai.chat('gpt-4o-mini'), [loggingMiddleware({ logger: console }), cacheMiddleware()]);
 */
export function wrapModel(model: ChatModel, middleware: readonly ChatMiddleware[]): ChatModel {
  const layers = [...middleware];
  const generateAt = (
    index: number,
    request: ChatRequest,
    options: CallOptions,
  ): Promise<ChatResponse> => {
    const layer = layers[index];
    if (!layer) return model.generate(request, options);
    if (!layer.wrapGenerate) return generateAt(index + 1, request, options);
    return layer.wrapGenerate({
      request,
      options,
      model,
      next: (nextRequest = request, nextOptions = options) =>
        generateAt(index + 1, nextRequest, nextOptions),
    });
  };
  const streamAt = (
    index: number,
    request: ChatRequest,
    options: CallOptions,
  ): AsyncIterable<ChatStreamEvent> => {
    const layer = layers[index];
    if (!layer) return model.stream(request, options);
    if (!layer.wrapStream) return streamAt(index + 1, request, options);
    return layer.wrapStream({
      request,
      options,
      model,
      next: (nextRequest = request, nextOptions = options) =>
        streamAt(index + 1, nextRequest, nextOptions),
    });
  };
  const countTokens = model.countTokens?.bind(model);
  return {
    provider: model.provider,
    modelId: model.modelId,
    capabilities: model.capabilities,
    generate: (request, options = {}) => generateAt(0, request, options),
    stream: (request, options = {}) => streamAt(0, request, options),
    ...(countTokens ? { countTokens } : {}),
  };
}
