import type { EventSourceMessage } from 'eventsource-parser';
import { ProviderError } from '../errors/errors.js';
import {
  incompleteStreamError,
  pushClosingEvents,
  type StreamDecoder,
} from '../provider-utils/chat-transport.js';
import { isRecord, recordField, stringField, tryParseJson } from '../provider-utils/parse-json.js';
import { toolCallFromText } from '../provider-utils/tool-call-input.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import type { Usage } from '../types/usage.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { openAIErrorMessage } from './parse-error.js';
import { reasoningOf } from './parse-response.js';
import { parseOpenAIUsage } from './parse-usage.js';

interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
  started: boolean;
}

/** Decodes Chat Completions chunks; tool-call arguments are assembled by `index`. */
export function createOpenAIStreamDecoder(provider: string): StreamDecoder {
  const toolCalls = new Map<number, PendingToolCall>();
  let usage: Usage = {};
  let rawFinishReason: string | undefined;
  let responseId: string | undefined;
  let modelId: string | undefined;
  let sawDone = false;

  const malformed = (detail: string) =>
    new ProviderError(`${provider} sent malformed stream data: ${detail}`, {
      code: 'invalid_response',
      provider,
    });

  function acceptToolCallDeltas(deltas: unknown, out: ChatStreamEvent[]) {
    if (!Array.isArray(deltas)) throw malformed('`tool_calls` is not an array');
    for (const [position, delta] of deltas.entries()) {
      if (!isRecord(delta)) throw malformed('a tool call delta is not an object');
      const index = typeof delta.index === 'number' ? delta.index : position;
      const fn = recordField(delta, 'function');
      let call = toolCalls.get(index);
      if (!call) {
        call = {
          id: stringField(delta, 'id') ?? `call_${index}`,
          name: '',
          arguments: '',
          started: false,
        };
        toolCalls.set(index, call);
      }
      const name = fn && stringField(fn, 'name');
      if (name) call.name = name;
      if (!call.started && call.name) {
        call.started = true;
        out.push({ type: 'tool-call-start', toolCallId: call.id, toolName: call.name });
      }
      const args = fn && stringField(fn, 'arguments');
      if (args) {
        call.arguments += args;
        out.push({ type: 'tool-call-delta', toolCallId: call.id, delta: args });
      }
    }
  }

  return {
    accept(message: EventSourceMessage, out: ChatStreamEvent[]) {
      if (message.data === '[DONE]') {
        sawDone = true;
        return 'done';
      }
      const parsed = tryParseJson(message.data);
      if (!parsed.ok) throw malformed(`not JSON (${parsed.error}): ${message.data.slice(0, 120)}`);
      const chunk = parsed.value;
      if (!isRecord(chunk)) throw malformed('a chunk is not a JSON object');
      if (chunk.error !== undefined) {
        throw new ProviderError(
          `${provider} reported an error mid-stream: ${openAIErrorMessage(chunk) ?? 'unknown error'}`,
          {
            provider,
            retryable: false,
          },
        );
      }
      responseId ??= stringField(chunk, 'id');
      modelId ??= stringField(chunk, 'model');
      if (chunk.usage !== undefined && chunk.usage !== null) usage = parseOpenAIUsage(chunk.usage);
      const choices = chunk.choices;
      if (choices === undefined || choices === null) return 'continue';
      if (!Array.isArray(choices)) throw malformed('`choices` is not an array');
      const choice = choices[0];
      if (choice === undefined) return 'continue';
      if (!isRecord(choice)) throw malformed('a choice is not an object');
      const delta = recordField(choice, 'delta');
      if (delta) {
        const reasoning = reasoningOf(delta);
        if (reasoning) out.push({ type: 'reasoning-delta', delta: reasoning });
        const text = stringField(delta, 'content');
        if (text) out.push({ type: 'text-delta', delta: text });
        if (delta.tool_calls !== undefined && delta.tool_calls !== null)
          acceptToolCallDeltas(delta.tool_calls, out);
      }
      const finish = stringField(choice, 'finish_reason');
      if (finish) rawFinishReason = finish;
      return 'continue';
    },

    finish(out: ChatStreamEvent[]) {
      if (rawFinishReason === undefined && !sawDone) throw incompleteStreamError(provider);
      for (const call of toolCalls.values()) {
        if (!call.name) throw malformed(`tool call ${call.id} has no function name`);
        out.push({ type: 'tool-call', ...toolCallFromText(call.id, call.name, call.arguments) });
      }
      pushClosingEvents(out, {
        finishReason: mapOpenAIFinishReason(rawFinishReason),
        rawFinishReason,
        usage,
        response: { id: responseId, modelId },
      });
    },

    usage: () => usage,
  };
}
