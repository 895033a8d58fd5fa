import { AbortError } from '../errors/errors.js';
import { validateChatRequest } from '../prompt/validate-request.js';
import type {
  CallOptions,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatStreamEvent,
  ModelCapabilities,
  ResponsePart,
} from '../types/chat-model.js';
import { textStreamEvents } from './stream-helpers.js';

type StaticReply = Exclude<MockReply, (request: ChatRequest, callIndex: number) => MockReply>;

/** One scripted reply: a response, text, events to stream, or an error to throw. */
export type MockReply =
  | string
  | Partial<ChatResponse>
  | { events: ChatStreamEvent[] }
  | { error: Error }
  | ((request: ChatRequest, callIndex: number) => MockReply);

export interface MockChatModelOptions {
  provider?: string;
  modelId?: string;
  /** Replies in order; the last one repeats when calls outnumber them. */
  replies?: MockReply[];
  capabilities?: Partial<ModelCapabilities>;
}

export interface MockCall {
  method: 'generate' | 'stream';
  request: ChatRequest;
  options: CallOptions;
}

/** A scripted `ChatModel` that records every call, for tests of code built on Weft. */
export interface MockChatModel extends ChatModel {
  readonly calls: MockCall[];
}

function toResponse(reply: Partial<ChatResponse>): ChatResponse {
  const text = reply.text ?? '';
  const toolCalls = reply.toolCalls ?? [];
  const content: ResponsePart[] = reply.content ?? [
    ...(text ? [{ type: 'text' as const, text }] : []),
    ...toolCalls.map((call) => ({
      type: 'tool-call' as const,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: call.input,
    })),
  ];
  return {
    text,
    toolCalls,
    content,
    finishReason: reply.finishReason ?? (toolCalls.length ? 'tool-calls' : 'stop'),
    usage: reply.usage ?? {},
    warnings: reply.warnings ?? [],
    response: reply.response ?? {},
    ...(reply.reasoning === undefined ? {} : { reasoning: reply.reasoning }),
    ...(reply.rawFinishReason === undefined ? {} : { rawFinishReason: reply.rawFinishReason }),
  };
}

function resolveReply(reply: MockReply, request: ChatRequest, index: number): StaticReply {
  return typeof reply === 'function' ? resolveReply(reply(request, index), request, index) : reply;
}

function responseToEvents(response: ChatResponse): ChatStreamEvent[] {
  return textStreamEvents({
    deltas: response.text ? [response.text] : [],
    toolCalls: response.toolCalls,
    usage: response.usage,
    finishReason: response.finishReason,
    response: response.response,
  });
}

/**
 * A mock chat model: replies come from a script, and `calls` records each request.
 *
 * @example
 * const model = mockChatModel({ replies: ['Hello!'] });
 * await generateText({ model, prompt: 'Hi' }); // text: 'Hello!'
 * model.calls[0].request.messages; // [{ role: 'user', content: 'Hi' }]
 */
export function mockChatModel(options: MockChatModelOptions = {}): MockChatModel {
  const replies = options.replies ?? [''];
  const calls: MockCall[] = [];
  const next = (request: ChatRequest): StaticReply => {
    const index = calls.length - 1;
    const reply = replies[Math.min(index, replies.length - 1)] ?? '';
    return resolveReply(reply, request, index);
  };
  return {
    provider: options.provider ?? 'mock',
    modelId: options.modelId ?? 'mock-model',
    capabilities: { tools: true, structuredOutput: 'tool', images: true, ...options.capabilities },
    calls,
    async generate(request, callOptions = {}) {
      validateChatRequest(request);
      calls.push({ method: 'generate', request, options: callOptions });
      if (callOptions.signal?.aborted) throw new AbortError();
      const reply = next(request);
      if (typeof reply === 'string') return toResponse({ text: reply });
      if ('error' in reply) throw reply.error;
      if ('events' in reply)
        throw new TypeError('This mock reply holds stream events; call stream() for it.');
      return toResponse(reply);
    },
    async *stream(request, callOptions = {}) {
      validateChatRequest(request);
      calls.push({ method: 'stream', request, options: callOptions });
      const reply = next(request);
      if (typeof reply !== 'string' && 'error' in reply) throw reply.error;
      const events =
        typeof reply === 'string'
          ? responseToEvents(toResponse({ text: reply }))
          : 'events' in reply
            ? reply.events
            : responseToEvents(toResponse(reply));
      for (const event of events) {
        if (callOptions.signal?.aborted) {
          yield { type: 'error', error: new AbortError() };
          return;
        }
        yield event;
      }
    },
  };
}
