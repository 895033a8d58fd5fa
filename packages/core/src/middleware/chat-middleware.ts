import type {
  CallOptions,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
} from '../types/chat-model.js';

/** One `generate` call as a middleware sees it. */
export interface GenerateCall {
  request: ChatRequest;
  options: CallOptions;
  /** The model at the centre of the stack (its provider, id and capabilities). */
  model: ChatModel;
  /** Calls the next middleware (or the model), with this call's request and options by default. */
  next(request?: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
}

/** One `stream` call as a middleware sees it. */
export interface StreamCall {
  request: ChatRequest;
  options: CallOptions;
  model: ChatModel;
  next(request?: ChatRequest, options?: CallOptions): AsyncIterable<ChatStreamEvent>;
}

/**
 * Something that sits between a caller and a model. Each hook is optional: a middleware
 * without `wrapStream` lets streams pass through untouched.
 *
 * @example
 * const shout: ChatMiddleware = {
 *   name: 'shout',
 *   async wrapGenerate({ next }) { const r = await next(); return { ...r, text: r.text.toUpperCase() }; },
 * };
 */
export interface ChatMiddleware {
  /** Shown in logs and errors. */
  readonly name: string;
  wrapGenerate?(call: GenerateCall): Promise<ChatResponse>;
  wrapStream?(call: StreamCall): AsyncIterable<ChatStreamEvent>;
}
