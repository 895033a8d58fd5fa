import { isRecord } from '../provider-utils/parse-json.js';
import { toolOutputText } from '../provider-utils/tool-call-input.js';
import type { Warning } from '../types/chat-model.js';
import type { AssistantMessage, Message, ToolMessage, UserMessage } from '../types/messages.js';
import { type AnthropicImageBlock, toAnthropicImage } from './image-block.js';

/** Messages API content blocks (the ones Weft sends). */
export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | AnthropicImageBlock
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean }
  | { type: 'thinking'; thinking: string; signature: string };

export interface AnthropicWireMessage {
  role: 'user' | 'assistant';
  content: string | AnthropicContentBlock[];
}

/** A conversation in Anthropic's shape: one top-level system prompt, then alternating turns. */
export interface AnthropicPrompt {
  system?: string;
  messages: AnthropicWireMessage[];
}

/** What was left out while converting, reported once per kind. */
interface Dropped {
  unsignedReasoning: boolean;
  names: boolean;
}

function userBlocks(message: UserMessage, warnings: Warning[]): AnthropicContentBlock[] {
  if (typeof message.content === 'string') return textBlocks(message.content);
  const blocks: AnthropicContentBlock[] = [];
  for (const part of message.content) {
    if (part.type === 'text') blocks.push(...textBlocks(part.text));
    else {
      const image = toAnthropicImage(part, warnings);
      if (image) blocks.push(image);
    }
  }
  return blocks;
}

function assistantBlocks(
  message: AssistantMessage,
  warnings: Warning[],
  dropped: Dropped,
): AnthropicContentBlock[] {
  if (typeof message.content === 'string') return textBlocks(message.content);
  const blocks: AnthropicContentBlock[] = [];
  for (const part of message.content) {
    if (part.type === 'text') blocks.push(...textBlocks(part.text));
    else if (part.type === 'reasoning') {
      // Anthropic verifies thinking blocks by their signature and refuses unsigned ones.
      if (part.signature) {
        blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
      } else dropped.unsignedReasoning = true;
    } else {
      if (part.input !== undefined && !isRecord(part.input)) {
        warnings.push({
          type: 'unsupported-content',
          message: `The input of tool call ${part.toolCallId} was sent as {}: Anthropic accepts only an object.`,
        });
      }
      const input = isRecord(part.input) ? part.input : {};
      blocks.push({ type: 'tool_use', id: part.toolCallId, name: part.toolName, input });
    }
  }
  return blocks;
}

function toolResultBlocks(message: ToolMessage): AnthropicContentBlock[] {
  return message.content.map((result) => ({
    type: 'tool_result',
    tool_use_id: result.toolCallId,
    content: toolOutputText(result.output),
    ...(result.isError ? { is_error: true } : {}),
  }));
}

// Anthropic refuses empty text blocks.
function textBlocks(text: string): AnthropicContentBlock[] {
  return text === '' ? [] : [{ type: 'text', text }];
}

/**
 * Orders a turn's blocks for the wire: Anthropic wants a user turn's tool results before
 * anything else in it, and a lone text block reads best as a plain string.
 */
function toWireMessage(role: 'user' | 'assistant', blocks: AnthropicContentBlock[]) {
  const ordered =
    role === 'user'
      ? [
          ...blocks.filter((block) => block.type === 'tool_result'),
          ...blocks.filter((block) => block.type !== 'tool_result'),
        ]
      : blocks;
  const [only] = ordered;
  const content = ordered.length === 1 && only?.type === 'text' ? only.text : ordered;
  return { role, content } satisfies AnthropicWireMessage;
}

/**
 * Weft messages -> Anthropic's system prompt and turns. System messages are hoisted (joined
 * with blank lines); tool results become user turns; consecutive turns of one role are
 * merged, because Anthropic requires user and assistant turns to alternate.
 */
export function toAnthropicPrompt(messages: Message[], warnings: Warning[]): AnthropicPrompt {
  const system: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; blocks: AnthropicContentBlock[] }> = [];
  const dropped: Dropped = { unsignedReasoning: false, names: false };
  let conversationStarted = false;
  for (const [index, message] of messages.entries()) {
    if (message.role === 'system') {
      if (conversationStarted) {
        warnings.push({
          type: 'other',
          message: `The system message at index ${index} was moved to the top-level system prompt: Anthropic accepts system instructions only there.`,
        });
      }
      if (message.content !== '') system.push(message.content);
      continue;
    }
    conversationStarted = true;
    if (message.role !== 'tool' && message.name !== undefined) dropped.names = true;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks =
      message.role === 'user'
        ? userBlocks(message, warnings)
        : message.role === 'assistant'
          ? assistantBlocks(message, warnings, dropped)
          : toolResultBlocks(message);
    if (blocks.length === 0) {
      warnings.push({
        type: 'other',
        message: `The ${message.role} message at index ${index} was left out: it has no content Anthropic accepts.`,
      });
      continue;
    }
    const previous = turns.at(-1);
    if (previous?.role === role) previous.blocks.push(...blocks);
    else turns.push({ role, blocks });
  }
  if (dropped.unsignedReasoning) {
    warnings.push({
      type: 'unsupported-content',
      message:
        'Reasoning parts without a signature were not sent: Anthropic accepts only signed thinking blocks.',
    });
  }
  if (dropped.names) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'name',
      message: 'Message names were not sent: the Messages API has no name field.',
    });
  }
  return {
    ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
    messages: turns.map((turn) => toWireMessage(turn.role, turn.blocks)),
  };
}
