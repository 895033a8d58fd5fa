import { invalidResponseError } from '../provider-utils/http.js';
import { isRecord, numberField, stringField } from '../provider-utils/parse-json.js';
import type { ChatResponse, ResponsePart, Warning } from '../types/chat-model.js';
import type { ToolCall } from '../types/tools.js';
import { mapAnthropicStopReason } from './map-finish-reason.js';
import { parseAnthropicUsage } from './parse-usage.js';

const provider = 'anthropic';

/** A Messages API response -> `ChatResponse`, checking every field it reads. */
export function parseAnthropicResponse(
  json: unknown,
  meta: { requestId?: string; warnings: Warning[] },
): ChatResponse {
  const fail = (detail: string) => invalidResponseError({ provider }, detail, meta.requestId);
  if (!isRecord(json)) throw fail('the body is not a JSON object');
  if (!Array.isArray(json.content)) throw fail('`content` is missing or not an array');

  const content: ResponsePart[] = [];
  const toolCalls: ToolCall[] = [];
  let text = '';
  let reasoning = '';
  for (const [index, block] of json.content.entries()) {
    if (!isRecord(block)) throw fail(`content block ${index} is not an object`);
    switch (block.type) {
      case 'text': {
        const blockText = stringField(block, 'text');
        if (blockText === undefined) throw fail(`text block ${index} has no text`);
        text += blockText;
        content.push({ type: 'text', text: blockText });
        break;
      }
      case 'tool_use': {
        const id = stringField(block, 'id');
        const name = stringField(block, 'name');
        if (!id || !name) throw fail(`tool_use block ${index} has no id or name`);
        const input = block.input ?? {};
        toolCalls.push({ toolCallId: id, toolName: name, input, inputText: JSON.stringify(input) });
        content.push({ type: 'tool-call', toolCallId: id, toolName: name, input });
        break;
      }
      case 'thinking': {
        const thinking = stringField(block, 'thinking');
        if (thinking === undefined) throw fail(`thinking block ${index} has no thinking text`);
        reasoning += thinking;
        const signature = stringField(block, 'signature');
        content.push({ type: 'reasoning', text: thinking, ...(signature ? { signature } : {}) });
        break;
      }
      // `redacted_thinking` is encrypted and unreadable; server tool blocks are not modelled yet.
      default:
        break;
    }
  }

  const rawFinishReason = stringField(json, 'stop_reason');
  return {
    text,
    ...(reasoning ? { reasoning } : {}),
    toolCalls,
    content,
    finishReason: mapAnthropicStopReason(rawFinishReason),
    rawFinishReason,
    usage: parseAnthropicUsage(json.usage),
    warnings: meta.warnings,
    response: {
      id: stringField(json, 'id'),
      modelId: stringField(json, 'model'),
      requestId: meta.requestId,
    },
  };
}

/** The body of `POST /v1/messages/count_tokens`: `{ input_tokens }`. */
export function parseAnthropicTokenCount(json: unknown, requestId?: string): number {
  const tokens = isRecord(json) ? numberField(json, 'input_tokens') : undefined;
  if (tokens === undefined || tokens < 0 || !Number.isInteger(tokens)) {
    throw invalidResponseError(
      { provider: 'anthropic' },
      '`input_tokens` is missing from the token count',
      requestId,
    );
  }
  return tokens;
}
