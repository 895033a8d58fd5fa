import type { ChatRequest, Warning } from '../types/chat-model.js';
import { toOpenAIMessages } from './convert-messages.js';

export interface OpenAIBodyOptions {
  modelId: string;
  /** The key of `providerOptions` whose fields are copied into the body. */
  providerOptionsKey: string;
  /** OpenAI wants `max_completion_tokens`; most compatible servers know only `max_tokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Ask for usage in the last chunk of a stream (`stream_options.include_usage`). */
  includeStreamUsage: boolean;
}

function toolChoice(choice: ChatRequest['toolChoice']): unknown {
  if (choice === undefined || typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.toolName } };
}

/** A Chat Completions request body for `request`. */
export function buildOpenAIBody(
  request: ChatRequest,
  options: OpenAIBodyOptions,
  stream: boolean,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const body: Record<string, unknown> = {
    model: options.modelId,
    messages: toOpenAIMessages(request.messages, warnings),
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxOutputTokens !== undefined) body[options.maxTokensField] = request.maxOutputTokens;
  if (request.stopSequences?.length) body.stop = request.stopSequences;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.inputSchema,
      },
    }));
    if (request.toolChoice !== undefined) body.tool_choice = toolChoice(request.toolChoice);
  } else if (request.toolChoice !== undefined && request.toolChoice !== 'none') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'toolChoice',
      message: 'toolChoice was ignored: no tools were given.',
    });
  }
  const format = request.responseFormat;
  if (format?.type === 'json') {
    body.response_format = format.schema
      ? {
          type: 'json_schema',
          json_schema: { name: format.name ?? 'response', schema: format.schema, strict: true },
        }
      : { type: 'json_object' };
  }
  if (stream) {
    body.stream = true;
    if (options.includeStreamUsage) body.stream_options = { include_usage: true };
  }
  Object.assign(body, request.providerOptions?.[options.providerOptionsKey]);
  return { body, warnings };
}
