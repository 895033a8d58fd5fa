import type { ChatRequest, Warning } from '../types/chat-model.js';
import { toAnthropicPrompt } from './convert-messages.js';

/**
 * The `max_tokens` sent when a request sets no `maxOutputTokens`. Anthropic requires the
 * field; 4096 is within every current Claude model's output limit.
 */
export const anthropicDefaultMaxOutputTokens = 4096;

function toolChoice(choice: NonNullable<ChatRequest['toolChoice']>): Record<string, string> {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.toolName };
}

function unsupported(warnings: Warning[], setting: string, message: string) {
  warnings.push({ type: 'unsupported-setting', setting, message });
}

/**
 * A Messages API request body for `request`. `max_tokens` defaults to
 * {@link anthropicDefaultMaxOutputTokens}; fields of `providerOptions.anthropic` (e.g.
 * `thinking`, `metadata`) are copied into the body last.
 */
export function buildAnthropicBody(
  request: ChatRequest,
  modelId: string,
  stream: boolean,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const { system, messages } = toAnthropicPrompt(request.messages, warnings);
  const body: Record<string, unknown> = {
    model: modelId,
    max_tokens: request.maxOutputTokens ?? anthropicDefaultMaxOutputTokens,
    ...(system === undefined ? {} : { system }),
    messages,
  };
  if (request.temperature !== undefined) {
    if (request.temperature > 1) {
      unsupported(
        warnings,
        'temperature',
        `temperature ${request.temperature} was lowered to 1, the highest Anthropic accepts.`,
      );
    }
    body.temperature = Math.min(request.temperature, 1);
  }
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences?.length) body.stop_sequences = request.stopSequences;
  if (request.seed !== undefined) {
    unsupported(warnings, 'seed', 'seed was ignored: Anthropic does not support it.');
  }
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.inputSchema,
    }));
    if (request.toolChoice !== undefined) body.tool_choice = toolChoice(request.toolChoice);
  } else if (request.toolChoice !== undefined && request.toolChoice !== 'none') {
    unsupported(warnings, 'toolChoice', 'toolChoice was ignored: no tools were given.');
  }
  if (request.responseFormat?.type === 'json') {
    unsupported(
      warnings,
      'responseFormat',
      'responseFormat json was ignored: Anthropic has no JSON mode; structured output goes through a forced tool call.',
    );
  }
  if (stream) body.stream = true;
  Object.assign(body, request.providerOptions?.anthropic);
  return { body, warnings };
}
