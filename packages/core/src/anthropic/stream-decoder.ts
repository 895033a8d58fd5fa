import type { EventSourceMessage } from 'eventsource-parser';
import { ProviderError } from '../errors/errors.js';
import {
  incompleteStreamError,
  pushClosingEvents,
  type StreamDecoder,
} from '../provider-utils/chat-transport.js';
import {
  isRecord,
  numberField,
  recordField,
  stringField,
  tryParseJson,
} from '../provider-utils/parse-json.js';
import { toolCallFromText } from '../provider-utils/tool-call-input.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import type { Usage } from '../types/usage.js';
import { mapAnthropicStopReason } from './map-finish-reason.js';
import { parseAnthropicUsage } from './parse-usage.js';

const provider = 'anthropic';

/** A content block between its `content_block_start` and `content_block_stop`. */
type OpenBlock =
  | { type: 'tool_use'; id: string; name: string; inputText: string; startInput: unknown }
  // The signature is sent when the block closes, so the block can be sent back later.
  | { type: 'thinking'; signature: string }
  | { type: 'text' }
  | { type: 'other' };

const inputUsageFields = [
  'input_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
] as const;
const allUsageFields = [...inputUsageFields, 'output_tokens'] as const;

function malformed(detail: string): ProviderError {
  return new ProviderError(`${provider} sent malformed stream data: ${detail}`, {
    code: 'invalid_response',
    provider,
  });
}

/**
 * An `error` event. Not retryable: content may already have reached the caller, and a
 * retry would repeat it.
 */
function streamError(event: Record<string, unknown>): ProviderError {
  const error = recordField(event, 'error');
  const type = (error && stringField(error, 'type')) ?? 'unknown_error';
  const message = (error && stringField(error, 'message')) ?? 'no error message';
  return new ProviderError(`${provider} reported an error mid-stream (${type}): ${message}`, {
    provider,
    retryable: false,
  });
}

/** The complete tool call of a finished `tool_use` block; no arguments at all give `{}`. */
function toolCallEvent(block: Extract<OpenBlock, { type: 'tool_use' }>): ChatStreamEvent {
  const startedWithInput = isRecord(block.startInput) && Object.keys(block.startInput).length > 0;
  const inputText =
    block.inputText.trim() === '' && startedWithInput
      ? JSON.stringify(block.startInput)
      : block.inputText;
  return { type: 'tool-call', ...toolCallFromText(block.id, block.name, inputText) };
}

/** Decodes Messages API stream events; blocks are tracked by their `index`. */
export function createAnthropicStreamDecoder(): StreamDecoder {
  const blocks = new Map<number, OpenBlock>();
  // Usage arrives in parts: input at `message_start`, running totals at `message_delta`.
  const rawUsage: Record<string, number> = {};
  let usage: Usage = {};
  let rawFinishReason: string | undefined;
  let responseId: string | undefined;
  let modelId: string | undefined;
  let sawStop = false;

  function mergeUsage(raw: unknown, fields: readonly string[]) {
    if (!isRecord(raw)) return;
    for (const field of fields) {
      const value = numberField(raw, field);
      if (value !== undefined) rawUsage[field] = value;
    }
    usage = parseAnthropicUsage(rawUsage);
  }

  function blockIndex(event: Record<string, unknown>): number {
    const index = numberField(event, 'index');
    if (index === undefined) throw malformed(`a ${String(event.type)} event has no index`);
    return index;
  }

  function openBlock(event: Record<string, unknown>, out: ChatStreamEvent[]) {
    const index = blockIndex(event);
    const block = recordField(event, 'content_block');
    if (!block) throw malformed(`content block ${index} starts without a content_block`);
    if (block.type === 'tool_use') {
      const id = stringField(block, 'id');
      const name = stringField(block, 'name');
      if (!id || !name) throw malformed(`tool_use block ${index} has no id or name`);
      blocks.set(index, { type: 'tool_use', id, name, inputText: '', startInput: block.input });
      out.push({ type: 'tool-call-start', toolCallId: id, toolName: name });
    } else if (block.type === 'text') {
      blocks.set(index, { type: 'text' });
      const text = stringField(block, 'text');
      if (text) out.push({ type: 'text-delta', delta: text });
    } else if (block.type === 'thinking') {
      blocks.set(index, { type: 'thinking', signature: stringField(block, 'signature') ?? '' });
      const thinking = stringField(block, 'thinking');
      if (thinking) out.push({ type: 'reasoning-delta', delta: thinking });
    } else {
      // redacted_thinking is unreadable; server tool blocks are not modelled yet.
      blocks.set(index, { type: 'other' });
    }
  }

  function applyDelta(event: Record<string, unknown>, out: ChatStreamEvent[]) {
    const index = blockIndex(event);
    const block = blocks.get(index);
    const delta = recordField(event, 'delta');
    if (!block || !delta) throw malformed(`a delta for content block ${index}, which is not open`);
    switch (delta.type) {
      case 'text_delta': {
        const text = stringField(delta, 'text');
        if (text) out.push({ type: 'text-delta', delta: text });
        break;
      }
      case 'thinking_delta': {
        const thinking = stringField(delta, 'thinking');
        if (thinking) out.push({ type: 'reasoning-delta', delta: thinking });
        break;
      }
      case 'input_json_delta': {
        const json = stringField(delta, 'partial_json');
        if (block.type !== 'tool_use' || !json) break;
        block.inputText += json;
        out.push({ type: 'tool-call-delta', toolCallId: block.id, delta: json });
        break;
      }
      case 'signature_delta':
        if (block.type === 'thinking') block.signature += stringField(delta, 'signature') ?? '';
        break;
      // citations_delta and delta types added later carry nothing Weft reports yet.
      default:
        break;
    }
  }

  function closeBlock(event: Record<string, unknown>, out: ChatStreamEvent[]) {
    const index = blockIndex(event);
    const block = blocks.get(index);
    if (!block) throw malformed(`content block ${index} stops without having started`);
    blocks.delete(index);
    if (block.type === 'tool_use') out.push(toolCallEvent(block));
    if (block.type === 'thinking' && block.signature) {
      out.push({ type: 'reasoning-delta', delta: '', signature: block.signature });
    }
  }

  return {
    accept(message: EventSourceMessage, out: ChatStreamEvent[]) {
      const parsed = tryParseJson(message.data);
      if (!parsed.ok) throw malformed(`not JSON (${parsed.error}): ${message.data.slice(0, 120)}`);
      const event = parsed.value;
      if (!isRecord(event)) throw malformed('an event is not a JSON object');
      switch (event.type) {
        case 'message_start': {
          const start = recordField(event, 'message');
          if (!start) throw malformed('message_start has no message');
          responseId = stringField(start, 'id');
          modelId = stringField(start, 'model');
          // Its output_tokens is a placeholder; the real count comes with message_delta.
          mergeUsage(start.usage, inputUsageFields);
          break;
        }
        case 'content_block_start':
          openBlock(event, out);
          break;
        case 'content_block_delta':
          applyDelta(event, out);
          break;
        case 'content_block_stop':
          closeBlock(event, out);
          break;
        case 'message_delta': {
          const delta = recordField(event, 'delta');
          rawFinishReason = (delta && stringField(delta, 'stop_reason')) ?? rawFinishReason;
          mergeUsage(event.usage, allUsageFields);
          break;
        }
        case 'message_stop':
          sawStop = true;
          return 'done';
        case 'error':
          throw streamError(event);
        // `ping` keeps the connection alive; unknown events are skipped, as Anthropic asks.
        default:
          break;
      }
      return 'continue';
    },

    finish(out: ChatStreamEvent[]) {
      if (!sawStop) throw incompleteStreamError(provider);
      pushClosingEvents(out, {
        finishReason: mapAnthropicStopReason(rawFinishReason),
        rawFinishReason,
        usage,
        response: { id: responseId, modelId },
      });
    },

    usage: () => usage,
  };
}
