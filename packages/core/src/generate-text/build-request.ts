import { ValidationError } from '../errors/errors.js';
import { toChatTools } from '../prompt/to-chat-tools.js';
import { validateCallOptions, validateChatRequest } from '../prompt/validate-request.js';
import type { CallOptions, ChatModel, ChatRequest } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import type { ToolDefinition } from '../types/tools.js';

const settingKeys = [
  'toolChoice',
  'temperature',
  'topP',
  'maxOutputTokens',
  'stopSequences',
  'seed',
  'providerOptions',
] as const satisfies ReadonlyArray<keyof ChatRequest>;

const callOptionKeys = [
  'signal',
  'timeout',
  'maxRetries',
  'headers',
  'onRetry',
] as const satisfies ReadonlyArray<keyof CallOptions>;

/** The options `generateText` and `streamText` share. */
export interface TextCallOptions
  extends CallOptions,
    Pick<ChatRequest, (typeof settingKeys)[number]> {
  model: ChatModel;
  /** A system prompt, placed before the messages. */
  system?: string;
  /** A single user message. Give `prompt` or `messages`, not both. */
  prompt?: string;
  messages?: Message[];
  /** Tools the model may call; input schemas as JSON Schema or zod. */
  tools?: ToolDefinition[];
}

function copyDefined<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
  target: Partial<T>,
): void {
  for (const key of keys) {
    if (source[key] !== undefined) target[key] = source[key];
  }
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
  copyDefined(options as ChatRequest, settingKeys, request);
  validateChatRequest(request);

  const callOptions: CallOptions = {};
  copyDefined(options as CallOptions, callOptionKeys, callOptions);
  validateCallOptions(callOptions);
  return { request, callOptions };
}
