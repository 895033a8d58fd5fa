import { invalidResponseError } from '../provider-utils/http.js';
import { isRecord, numberField, recordField, stringField } from '../provider-utils/parse-json.js';
import { toolCallFromText } from '../provider-utils/tool-call-input.js';
import type { ChatResponse, ResponsePart, Warning } from '../types/chat-model.js';
import type { ToolCall } from '../types/tools.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { parseOpenAIUsage } from './parse-usage.js';

/** Reasoning text as compatible servers send it (`reasoning_content` or `reasoning`). */
export function reasoningOf(record: Record<string, unknown>): string | undefined {
  return stringField(record, 'reasoning_content') ?? stringField(record, 'reasoning');
}

/** A Chat Completions response -> `ChatResponse`, checking every field it reads. */
export function parseOpenAIResponse(
  provider: string,
  json: unknown,
  meta: { requestId?: string; warnings: Warning[] },
): ChatResponse {
  const fail = (detail: string) => invalidResponseError({ provider }, detail, meta.requestId);
  if (!isRecord(json)) throw fail('the body is not a JSON object');
  const choices = json.choices;
  if (!Array.isArray(choices) || choices.length === 0 || !isRecord(choices[0])) {
    throw fail('`choices` is missing or empty');
  }
  const choice = choices[0];
  const message = recordField(choice, 'message');
  if (!message) throw fail('`choices[0].message` is missing');

  const content: ResponsePart[] = [];
  const reasoning = reasoningOf(message);
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  let text = stringField(message, 'content') ?? '';
  const refusal = stringField(message, 'refusal');
  let finishReason = mapOpenAIFinishReason(stringField(choice, 'finish_reason'));
  if (text === '' && refusal) {
    text = refusal;
    finishReason = 'content-filter';
  }
  if (text !== '') content.push({ type: 'text', text });

  const toolCalls: ToolCall[] = [];
  const rawCalls = message.tool_calls;
  if (rawCalls !== undefined && rawCalls !== null && !Array.isArray(rawCalls))
    throw fail('`tool_calls` is not an array');
  for (const [index, raw] of (rawCalls ?? []).entries()) {
    const fn = isRecord(raw) ? recordField(raw, 'function') : undefined;
    const id = isRecord(raw) ? stringField(raw, 'id') : undefined;
    const name = fn && stringField(fn, 'name');
    if (!fn || !name) throw fail(`tool call ${index} has no function name`);
    const call = toolCallFromText(id ?? `call_${index}`, name, stringField(fn, 'arguments') ?? '');
    toolCalls.push(call);
    content.push({
      type: 'tool-call',
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: call.input,
    });
  }

  const created = numberField(json, 'created');
  return {
    text,
    ...(reasoning ? { reasoning } : {}),
    toolCalls,
    content,
    finishReason,
    rawFinishReason: stringField(choice, 'finish_reason'),
    usage: parseOpenAIUsage(json.usage),
    warnings: meta.warnings,
    response: {
      id: stringField(json, 'id'),
      modelId: stringField(json, 'model'),
      requestId: meta.requestId,
      ...(created === undefined ? {} : { timestamp: new Date(created * 1000) }),
    },
  };
}
