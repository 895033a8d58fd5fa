import type { ServerResponse } from 'node:http';
import {
  type CannedReply,
  type MockHandler,
  type ReceivedRequest,
  replyFor,
  sendJson,
  startSSE,
  streamPieces,
} from './mock-server.js';

/**
 * Anthropic Messages, as the API sends it: a `message` object, or SSE with `event:` lines
 * (message_start, content_block_start, ping, content_block_delta..., content_block_stop,
 * message_delta with the stop reason and output tokens, message_stop).
 */

const servedModel = 'claude-sonnet-4-5-20250929';

export function anthropicMessage(reply: CannedReply, id: string) {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model: servedModel,
    content: [{ type: 'text', text: reply.text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: reply.inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: reply.outputTokens,
      service_tier: 'standard',
    },
  };
}

export function anthropicEvents(reply: CannedReply, id: string): string[] {
  const event = (data: { type: string } & Record<string, unknown>) =>
    `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
  return [
    event({
      type: 'message_start',
      message: {
        ...anthropicMessage(reply, id),
        content: [],
        stop_reason: null,
        usage: {
          input_tokens: reply.inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
          service_tier: 'standard',
        },
      },
    }),
    event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    event({ type: 'ping' }),
    ...streamPieces(reply.text).map((text) =>
      event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    ),
    event({ type: 'content_block_stop', index: 0 }),
    event({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: reply.outputTokens },
    }),
    event({ type: 'message_stop' }),
  ];
}

function answer(request: ReceivedRequest, res: ServerResponse, reply: CannedReply, index: number) {
  const id = `msg_weft_test_${index + 1}`;
  const headers = { 'request-id': `req_test_${index + 1}` };
  if (request.body.stream !== true) {
    sendJson(res, 200, anthropicMessage(reply, id), headers);
    return;
  }
  startSSE(res, headers);
  for (const event of anthropicEvents(reply, id)) res.write(event);
  res.end();
}

/**
 * Serves `POST .../messages` with the replies in order (the last one repeats). Other paths
 * get Anthropic's 404 error body.
 */
export function anthropicMessagesServer(replies: CannedReply[]): MockHandler {
  return (request, res, index) => {
    if (request.method !== 'POST' || !request.path.split('?')[0]?.endsWith('/messages')) {
      sendJson(res, 404, {
        type: 'error',
        error: { type: 'not_found_error', message: `Unknown path ${request.path}` },
      });
      return;
    }
    answer(request, res, replyFor(replies, index), index);
  };
}

/** The system prompt of an Anthropic request, whether sent as a string or as text blocks. */
export function anthropicSystemText(body: Record<string, unknown>): string | undefined {
  const system = body.system;
  if (typeof system === 'string') return system;
  if (Array.isArray(system)) return system.map((block: { text?: string }) => block.text).join('');
  return undefined;
}

/** Anthropic messages as `{ role, text }`, whether content is a string or blocks. */
export function anthropicTurns(
  body: Record<string, unknown>,
): Array<{ role: string; text: string }> {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return messages.map((message: { role: string; content: unknown }) => ({
    role: message.role,
    text:
      typeof message.content === 'string'
        ? message.content
        : (message.content as Array<{ type: string; text?: string }>)
            .filter((block) => block.type === 'text')
            .map((block) => block.text)
            .join(''),
  }));
}
