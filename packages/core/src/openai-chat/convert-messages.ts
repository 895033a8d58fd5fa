import { toolOutputText } from '../provider-utils/tool-call-input.js';
import type { Warning } from '../types/chat-model.js';
import type { ImagePart, Message, TextPart } from '../types/messages.js';

/** Chat Completions wire types (the fields Weft sends). */
export type OpenAIWireContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } };

export type OpenAIWireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIWireContentPart[]; name?: string }
  | {
      role: 'assistant';
      content: string | null;
      name?: string;
      tool_calls?: Array<{
        id: string;
        type: 'function';
        function: { name: string; arguments: string };
      }>;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

function imageUrl(part: ImagePart): string {
  return 'url' in part ? part.url : `data:${part.mediaType};base64,${part.base64}`;
}

function userContent(
  content: string | Array<TextPart | ImagePart>,
): string | OpenAIWireContentPart[] {
  if (typeof content === 'string') return content;
  return content.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: { url: imageUrl(part) } },
  );
}

/** Weft messages -> Chat Completions messages. Reasoning parts cannot be sent back: warned. */
export function toOpenAIMessages(messages: Message[], warnings: Warning[]): OpenAIWireMessage[] {
  const wire: OpenAIWireMessage[] = [];
  let droppedReasoning = false;
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        wire.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        const out: OpenAIWireMessage = { role: 'user', content: userContent(message.content) };
        if (message.name !== undefined) out.name = message.name;
        wire.push(out);
        break;
      }
      case 'assistant': {
        const parts =
          typeof message.content === 'string'
            ? [{ type: 'text' as const, text: message.content }]
            : message.content;
        let text = '';
        const toolCalls: NonNullable<
          Extract<OpenAIWireMessage, { role: 'assistant' }>['tool_calls']
        > = [];
        for (const part of parts) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'reasoning') droppedReasoning = true;
          else {
            toolCalls.push({
              id: part.toolCallId,
              type: 'function',
              function: { name: part.toolName, arguments: JSON.stringify(part.input ?? {}) },
            });
          }
        }
        const out: Extract<OpenAIWireMessage, { role: 'assistant' }> = {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
        };
        if (toolCalls.length > 0) out.tool_calls = toolCalls;
        if (message.name !== undefined) out.name = message.name;
        wire.push(out);
        break;
      }
      case 'tool':
        for (const result of message.content) {
          wire.push({
            role: 'tool',
            tool_call_id: result.toolCallId,
            content: toolOutputText(result.output),
          });
        }
        break;
    }
  }
  if (droppedReasoning) {
    warnings.push({
      type: 'unsupported-content',
      message:
        'Reasoning parts of earlier assistant messages are not sent: Chat Completions does not accept them.',
    });
  }
  return wire;
}
