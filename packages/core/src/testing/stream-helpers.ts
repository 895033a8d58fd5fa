import type { ChatStreamEvent, ResponseMetadata } from '../types/chat-model.js';
import type { ToolCall } from '../types/tools.js';
import type { FinishReason, Usage } from '../types/usage.js';

/** An async iterable over fixed events, e.g. to feed code that consumes a model stream. */
export async function* streamFromEvents(
  events: Iterable<ChatStreamEvent>,
): AsyncGenerator<ChatStreamEvent> {
  for (const event of events) yield event;
}

/** Collects every event of a stream into an array. */
export async function collectEvents(
  stream: AsyncIterable<ChatStreamEvent>,
): Promise<ChatStreamEvent[]> {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

export interface TextStreamScript {
  /** Text split into these deltas, in order. */
  deltas?: string[];
  toolCalls?: Array<Omit<ToolCall, 'inputText'> & { inputText?: string }>;
  usage?: Usage;
  finishReason?: FinishReason;
  response?: ResponseMetadata;
}

/** The events a well-behaved model emits for the given deltas and tool calls. */
export function textStreamEvents(script: TextStreamScript): ChatStreamEvent[] {
  const usage = script.usage ?? {};
  const events: ChatStreamEvent[] = [{ type: 'start', warnings: [] }];
  for (const delta of script.deltas ?? []) events.push({ type: 'text-delta', delta });
  for (const call of script.toolCalls ?? []) {
    const inputText = call.inputText ?? JSON.stringify(call.input ?? {});
    events.push({ type: 'tool-call-start', toolCallId: call.toolCallId, toolName: call.toolName });
    events.push({ type: 'tool-call-delta', toolCallId: call.toolCallId, delta: inputText });
    events.push({ type: 'tool-call', ...call, inputText });
  }
  events.push({ type: 'usage', usage });
  events.push({
    type: 'finish',
    finishReason: script.finishReason ?? (script.toolCalls?.length ? 'tool-calls' : 'stop'),
    usage,
    response: script.response ?? {},
  });
  return events;
}
