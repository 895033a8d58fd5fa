import { ContentCollector } from '../generate-text/content-collector.js';
import type {
  ChatResponse,
  ChatStreamEvent,
  ResponseMetadata,
  Warning,
} from '../types/chat-model.js';
import type { ToolCall } from '../types/tools.js';
import type { Usage } from '../types/usage.js';

/** Events that carry the model's answer; once one is out, a stream cannot be restarted. */
export function isContentEvent(event: ChatStreamEvent): boolean {
  switch (event.type) {
    case 'text-delta':
    case 'reasoning-delta':
    case 'tool-call-start':
    case 'tool-call-delta':
    case 'tool-call':
      return true;
    default:
      return false;
  }
}

/**
 * The response a complete stream amounts to, or `undefined` when the stream ended in an
 * error or without its `finish` event (such a stream must not be cached).
 */
export function responseFromEvents(events: readonly ChatStreamEvent[]): ChatResponse | undefined {
  const parts = new ContentCollector();
  const toolCalls: ToolCall[] = [];
  let text = '';
  let reasoning: string | undefined;
  let warnings: Warning[] = [];
  let requestId: string | undefined;
  let finish: Extract<ChatStreamEvent, { type: 'finish' }> | undefined;
  for (const event of events) {
    switch (event.type) {
      case 'start':
        warnings = event.warnings;
        requestId = event.requestId;
        break;
      case 'text-delta':
        text += event.delta;
        parts.text(event.delta);
        break;
      case 'reasoning-delta':
        reasoning = (reasoning ?? '') + event.delta;
        parts.reasoning(event.delta, event.signature);
        break;
      case 'tool-call': {
        const { type: _type, ...call } = event;
        toolCalls.push(call);
        parts.toolCall(call);
        break;
      }
      case 'finish':
        finish = event;
        break;
      case 'error':
        return undefined;
      default:
        break;
    }
  }
  if (!finish) return undefined;
  return {
    text,
    toolCalls,
    content: parts.parts,
    finishReason: finish.finishReason,
    usage: finish.usage,
    warnings,
    response: requestId === undefined ? finish.response : { requestId, ...finish.response },
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(finish.rawFinishReason === undefined ? {} : { rawFinishReason: finish.rawFinishReason }),
  };
}

/** The events a model would have streamed for `response`, in order. */
export function eventsFromResponse(response: ChatResponse): ChatStreamEvent[] {
  const events: ChatStreamEvent[] = [
    {
      type: 'start',
      warnings: response.warnings,
      ...(response.response.requestId === undefined
        ? {}
        : { requestId: response.response.requestId }),
    },
  ];
  for (const part of response.content) {
    if (part.type === 'text') events.push({ type: 'text-delta', delta: part.text });
    else if (part.type === 'reasoning') {
      events.push({
        type: 'reasoning-delta',
        delta: part.text,
        ...(part.signature === undefined ? {} : { signature: part.signature }),
      });
    } else {
      const call = response.toolCalls.find((c) => c.toolCallId === part.toolCallId) ?? {
        ...part,
        inputText: JSON.stringify(part.input ?? {}),
      };
      events.push({
        type: 'tool-call-start',
        toolCallId: call.toolCallId,
        toolName: call.toolName,
      });
      events.push({ type: 'tool-call-delta', toolCallId: call.toolCallId, delta: call.inputText });
      events.push({ type: 'tool-call', ...call });
    }
  }
  events.push({ type: 'usage', usage: response.usage });
  events.push({
    type: 'finish',
    finishReason: response.finishReason,
    usage: response.usage,
    response: response.response,
    ...(response.rawFinishReason === undefined
      ? {}
      : { rawFinishReason: response.rawFinishReason }),
  });
  return events;
}

/** Adds `metadata` to the `response` of a stream's `finish` event. */
export async function* withFinishMetadata(
  stream: AsyncIterable<ChatStreamEvent>,
  metadata: (response: ResponseMetadata) => ResponseMetadata,
): AsyncGenerator<ChatStreamEvent> {
  for await (const event of stream) {
    yield event.type === 'finish' ? { ...event, response: metadata(event.response) } : event;
  }
}

/** The usage a stream reported last (its `usage` or `finish` event). */
export function usageOfEvent(event: ChatStreamEvent): Usage | undefined {
  return event.type === 'usage' || event.type === 'finish' ? event.usage : undefined;
}

/** How a stream began: live (content arrived, or it ended cleanly) or failed before content. */
export type StreamOpening =
  | { ok: true; buffered: ChatStreamEvent[]; rest?: AsyncIterator<ChatStreamEvent> }
  | { ok: false; error: unknown; buffered: ChatStreamEvent[]; thrown: boolean };

/**
 * Reads a stream up to its first content event, holding back what came before, so that a
 * failure before any content can be retried (or sent elsewhere) without the caller seeing
 * two `start` events.
 */
export async function openUntilContent(
  stream: AsyncIterable<ChatStreamEvent>,
): Promise<StreamOpening> {
  const buffered: ChatStreamEvent[] = [];
  let iterator: AsyncIterator<ChatStreamEvent> | undefined;
  try {
    iterator = stream[Symbol.asyncIterator]();
    for (;;) {
      const step = await iterator.next();
      if (step.done) return { ok: true, buffered };
      const event = step.value;
      buffered.push(event);
      if (event.type === 'error') {
        await iterator.return?.();
        return { ok: false, error: event.error, buffered, thrown: false };
      }
      if (isContentEvent(event)) return { ok: true, buffered, rest: iterator };
    }
  } catch (error) {
    return { ok: false, error, buffered, thrown: true };
  }
}

/** Plays out an opening: its held-back events, then the rest of the stream (or its failure). */
export async function* continueOpening(opening: StreamOpening): AsyncGenerator<ChatStreamEvent> {
  yield* opening.buffered;
  if (!opening.ok) {
    if (opening.thrown) throw opening.error;
    return;
  }
  const rest = opening.rest;
  if (!rest) return;
  let finished = false;
  try {
    for (;;) {
      const step = await rest.next();
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    // Leaving early (a `break` downstream) must close the model's stream and its connection.
    if (!finished) await rest.return?.();
  }
}
