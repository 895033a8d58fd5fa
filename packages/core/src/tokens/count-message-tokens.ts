import { ValidationError } from '../errors/errors.js';
import { toChatTools } from '../prompt/to-chat-tools.js';
import { isMessage } from '../prompt/validate-request.js';
import { toolOutputText } from '../provider-utils/tool-call-input.js';
import type { Message } from '../types/messages.js';
import type { ToolDefinition } from '../types/tools.js';
import { countToolTokens } from './count-tool-tokens.js';
import { getTokenizer } from './get-tokenizer.js';
import type { TokenizerSelector } from './model-encoding.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * Chat formatting overheads, from OpenAI's cookbook "How to count tokens with tiktoken": each
 * message is wrapped as `<|start|>{role/name}\n{content}<|end|>\n` (3 tokens beyond the role
 * and content), a `name` adds 1, and every reply is primed with `<|start|>assistant<|message|>`
 * (3). Documented for gpt-3.5-turbo-0613 and later, gpt-4 and gpt-4o; applied to the later
 * o200k models too, for which OpenAI has published no different ones.
 */
export const chatTokenOverheads = { perMessage: 3, perName: 1, replyPriming: 3 } as const;

/**
 * A message to count: Weft's `Message`, or a system message with a `name` (OpenAI accepts
 * names on system messages, as in the cookbook's few-shot example).
 */
export type CountableMessage = Message | { role: 'system'; content: string; name?: string };

export type CountMessageTokensOptions = TokenizerSelector & {
  /** Tool definitions sent with the messages; counted by the cookbook's approximation. */
  tools?: readonly ToolDefinition[];
};

/**
 * The prompt tokens OpenAI's Chat Completions API reports for `messages` (and `tools`).
 * Text parts of a message count as their concatenation; images are not counted (their
 * price depends on size and detail, not text); reasoning parts are not sent and not counted.
 *
 * @example
 * await countMessageTokens([{ role: 'user', content: 'Hi' }], { model: 'gpt-4o' }); // 8
 */
export async function countMessageTokens(
  messages: readonly CountableMessage[],
  options: CountMessageTokensOptions,
): Promise<number> {
  if (!Array.isArray(messages)) {
    throw new ValidationError('countMessageTokens expects an array of messages.', {
      issues: [{ path: ['messages'], message: 'must be an array' }],
    });
  }
  messages.forEach((message: unknown, index) => {
    if (!isMessage(message)) {
      throw new ValidationError(
        `messages.${index} is not a message: expected { role: 'system' | 'user' | 'assistant' | 'tool', content }.`,
        { issues: [{ path: ['messages', index], message: 'not a message' }] },
      );
    }
  });
  const tools = toChatTools(options.tools as ToolDefinition[] | undefined) ?? [];
  const tokenizer = await getTokenizer(options);
  return countMessagesWith(tokenizer, messages) + countToolTokens(tools, tokenizer);
}

/** The synchronous count over a loaded tokenizer, for callers that count in a loop. */
export function countMessagesWith(
  tokenizer: Tokenizer,
  messages: readonly CountableMessage[],
): number {
  let total = chatTokenOverheads.replyPriming;
  for (const message of messages) total += countOneMessage(tokenizer, message);
  return total;
}

function countOneMessage(tokenizer: Tokenizer, message: CountableMessage): number {
  const { perMessage, perName } = chatTokenOverheads;
  const wrapped = (role: string, content: string, name?: string) =>
    perMessage +
    tokenizer.count(role) +
    tokenizer.count(content) +
    (name === undefined ? 0 : perName + tokenizer.count(name));

  switch (message.role) {
    case 'system':
      return wrapped('system', message.content, 'name' in message ? message.name : undefined);
    case 'user': {
      const text =
        typeof message.content === 'string'
          ? message.content
          : message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      return wrapped('user', text, message.name);
    }
    case 'assistant': {
      if (typeof message.content === 'string') {
        return wrapped('assistant', message.content, message.name);
      }
      let text = '';
      let calls = 0;
      for (const part of message.content) {
        if (part.type === 'text') text += part.text;
        else if (part.type === 'tool-call') {
          // A call is rendered as its name and JSON arguments plus a few framing tokens,
          // as the cookbook counts function calls (3 per call).
          calls +=
            3 + tokenizer.count(part.toolName) + tokenizer.count(JSON.stringify(part.input ?? {}));
        }
      }
      return wrapped('assistant', text, message.name) + calls;
    }
    case 'tool':
      // Each result is its own `tool` message on the wire.
      return message.content.reduce(
        (sum, result) => sum + wrapped('tool', toolOutputText(result.output)),
        0,
      );
  }
}
