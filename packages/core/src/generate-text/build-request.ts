import { ValidationError } from '../errors/errors.js';
import { toChatTools } from '../prompt/to-chat-tools.js';
import { validateCallOptions, validateChatRequest } from '../prompt/validate-request.js';
import type { CallOptions, ChatModel, ChatRequest, ProviderOptions } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import type { ToolChoice, ToolDefinition } from '../types/tools.js';

/** The options `generateText` and `streamText` share. */
export interface TextCallOptions extends CallOptions {
  model: ChatModel;
  /** A system prompt, placed before the messages. */
  system?: string;
  /** A single user message. Give `prompt` or `messages`, not both. */
  prompt?: string;
  messages?: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** 0 is the most deterministic; providers accept up to 1 (Anthropic) or 2 (OpenAI). */
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  /** Extra body fields per provider, e.g. `{ openai: { user: 'u-1' } }`. */
  providerOptions?: ProviderOptions;
}

/** Builds and checks the request; throws `ValidationError` before anything is sent. */
export function buildTextRequest(options: TextCallOptions): {
  request: ChatRequest;
  callOptions: CallOptions;
} {
  if (!options || typeof options !== 'object') throw new ValidationError('Options are required.');
  const { model, system, prompt, messages } = options;
  if (!model || typeof model.generate !== 'function' || typeof model.stream !== 'function') {
    throw new ValidationError('`model` must be a ChatModel, e.g. openai.chat("gpt-4o-mini").', {
      issues: [{ path: ['model'], message: 'required ChatModel' }],
    });
  }
  if (prompt !== undefined && messages !== undefined) {
    throw new ValidationError('Give either `prompt` or `messages`, not both.', {
      issues: [{ path: ['prompt'], message: 'cannot be combined with messages' }],
    });
  }
  if (system !== undefined && typeof system !== 'string') {
    throw new ValidationError('`system` must be a string.', {
      issues: [{ path: ['system'], message: 'must be a string' }],
    });
  }
  if (prompt !== undefined && typeof prompt !== 'string') {
    throw new ValidationError('`prompt` must be a string.', {
      issues: [{ path: ['prompt'], message: 'must be a string' }],
    });
  }
  const conversation: Message[] =
    prompt !== undefined ? [{ role: 'user', content: prompt }] : (messages ?? []);
  const request: ChatRequest = {
    messages:
      system !== undefined ? [{ role: 'system', content: system }, ...conversation] : conversation,
  };
  const tools = toChatTools(options.tools);
  if (tools) request.tools = tools;
  if (options.toolChoice !== undefined) request.toolChoice = options.toolChoice;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.topP !== undefined) request.topP = options.topP;
  if (options.maxOutputTokens !== undefined) request.maxOutputTokens = options.maxOutputTokens;
  if (options.stopSequences !== undefined) request.stopSequences = options.stopSequences;
  if (options.seed !== undefined) request.seed = options.seed;
  if (options.providerOptions !== undefined) request.providerOptions = options.providerOptions;
  validateChatRequest(request);

  const callOptions: CallOptions = {};
  if (options.signal) callOptions.signal = options.signal;
  if (options.timeout !== undefined) callOptions.timeout = options.timeout;
  if (options.maxRetries !== undefined) callOptions.maxRetries = options.maxRetries;
  if (options.headers) callOptions.headers = options.headers;
  if (options.onRetry) callOptions.onRetry = options.onRetry;
  validateCallOptions(callOptions);
  return { request, callOptions };
}
