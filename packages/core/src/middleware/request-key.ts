import type { ChatModel, ChatRequest } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // Like JSON.stringify: non-finite numbers become null, undefined stays out of objects.
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
  return `{${fields.join(',')}}`;
}

// A string and a single text part say the same thing; one form keeps their keys equal.
function normalizeMessage(message: Message): unknown {
  if (message.role === 'system' || typeof message.content !== 'string') return message;
  return { ...message, content: [{ type: 'text', text: message.content }] };
}

/**
 * What decides a model's answer: the model, messages, tools and settings. Call options
 * (signal, timeout, headers, retries) are left out: they change how a call runs, not what
 * it answers.
 */
export function normalizedRequest(
  request: ChatRequest,
  model: Pick<ChatModel, 'provider' | 'modelId'>,
): Record<string, unknown> {
  return {
    provider: model.provider,
    modelId: model.modelId,
    messages: request.messages.map(normalizeMessage),
    tools: request.tools,
    toolChoice: request.toolChoice,
    temperature: request.temperature,
    topP: request.topP,
    maxOutputTokens: request.maxOutputTokens,
    stopSequences: request.stopSequences,
    seed: request.seed,
    responseFormat: request.responseFormat,
    providerOptions: request.providerOptions,
  };
}

/** SHA-256 of `text` in hex, with Web Crypto (Node 20, browsers and edge runtimes). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A stable key for a request to a model: the SHA-256 of its normalized form. */
export function requestKey(
  request: ChatRequest,
  model: Pick<ChatModel, 'provider' | 'modelId'>,
): Promise<string> {
  return sha256Hex(stableStringify(normalizedRequest(request, model)));
}
