import type { WeftError } from '../errors/weft-error.js';
import type { Message, ReasoningPart, TextPart, ToolCallPart } from './messages.js';
import type { ChatTool, JSONSchema, ToolCall, ToolChoice } from './tools.js';
import type { FinishReason, Usage } from './usage.js';

/** Options keyed by provider name, passed through to that provider's request body. */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/** What a model receives: normalized messages, tools as JSON Schema, and settings. */
export interface ChatRequest {
  messages: Message[];
  tools?: ChatTool[];
  toolChoice?: ToolChoice;
  /** 0 is the most deterministic; OpenAI accepts up to 2, Anthropic up to 1. */
  temperature?: number;
  /** Nucleus sampling, 0 to 1. */
  topP?: number;
  /** The most tokens to generate. */
  maxOutputTokens?: number;
  /** Generation stops before any of these strings. */
  stopSequences?: string[];
  /** For reproducible sampling, where the provider supports it. */
  seed?: number;
  responseFormat?: { type: 'text' } | { type: 'json'; schema?: JSONSchema; name?: string };
  /** Extra body fields per provider, e.g. `{ openai: { user: 'u-1' } }`. */
  providerOptions?: ProviderOptions;
}

/** Control of one call: cancellation, a deadline and retries. */
export interface CallOptions {
  /** Aborts the call and closes its HTTP connection. */
  signal?: AbortSignal;
  /** Deadline for the whole call in milliseconds, retries and the full stream included. */
  timeout?: number;
  /** Retries after retryable failures (408, 409, 429, 5xx, network). Default 2. */
  maxRetries?: number;
  /** Extra HTTP headers for this call. */
  headers?: Record<string, string>;
  /** Called before each retry, with the delay that will be waited. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: WeftError;
}

/** Something a provider could not do exactly as asked. Never silent. */
export interface Warning {
  type: 'unsupported-setting' | 'unsupported-content' | 'other';
  setting?: string;
  message: string;
}

export interface ResponseMetadata {
  /** The provider's id of the response (e.g. `chatcmpl-...`, `msg_...`). */
  id?: string;
  /** The model that answered, as the provider reports it. */
  modelId?: string;
  /** The provider's request id header, for support tickets. */
  requestId?: string;
  timestamp?: Date;
  /** Set by `cacheMiddleware`/`semanticCacheMiddleware`/replays: no model was called. */
  cached?: boolean;
  /** The provider that answered, set by `fallbackModel` and `routerModel`. */
  provider?: string;
  /** The models `fallbackModel` tried and skipped before this answer, with their errors. */
  fallbacks?: FallbackAttempt[];
  /** The route `routerModel` chose for this request. */
  route?: string;
}

/** A model that `fallbackModel` tried before the one that answered. */
export interface FallbackAttempt {
  provider: string;
  modelId: string;
  error: WeftError;
}

export type ResponsePart = TextPart | ReasoningPart | ToolCallPart;

export interface ChatResponse {
  text: string;
  reasoning?: string;
  toolCalls: ToolCall[];
  /** All parts in the order the model produced them. */
  content: ResponsePart[];
  finishReason: FinishReason;
  /** The provider's own finish reason, e.g. `end_turn` or `tool_calls`. */
  rawFinishReason?: string;
  usage: Usage;
  warnings: Warning[];
  response: ResponseMetadata;
}

export interface ModelCapabilities {
  tools: boolean;
  structuredOutput: 'native' | 'tool' | 'prompt';
  images: boolean;
  maxContextTokens?: number;
  maxOutputTokens?: number;
}

/**
 * A chat model. Implement it to add a provider: `@weft/core/provider-utils` has the HTTP,
 * retry, error and stream pieces Weft's own providers use (docs/providers.md, "Your own
 * provider"; examples/custom-provider is a complete one).
 */
export interface ChatModel {
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  generate(request: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
  /**
   * Streams events in order: `start`, deltas and tool calls, `usage`, `finish`. A failure
   * before the first event rejects the iteration; a failure after it is reported as an
   * `error` event (after a `usage` event with what was known), and the stream ends.
   */
  stream(request: ChatRequest, options?: CallOptions): AsyncIterable<ChatStreamEvent>;
  countTokens?(request: ChatRequest, options?: CallOptions): Promise<number>;
}

/** The events of a stream, in order. */
export type ChatStreamEvent =
  | { type: 'start'; warnings: Warning[]; requestId?: string }
  | { type: 'text-delta'; delta: string }
  /**
   * Reasoning text. The delta that closes a reasoning block may carry the provider's
   * `signature` (Anthropic thinking), with an empty `delta`; send it back unchanged.
   */
  | { type: 'reasoning-delta'; delta: string; signature?: string }
  | { type: 'tool-call-start'; toolCallId: string; toolName: string }
  | { type: 'tool-call-delta'; toolCallId: string; delta: string }
  | ({ type: 'tool-call' } & ToolCall)
  | { type: 'usage'; usage: Usage }
  | {
      type: 'finish';
      finishReason: FinishReason;
      rawFinishReason?: string;
      usage: Usage;
      response: ResponseMetadata;
    }
  | { type: 'error'; error: WeftError };
