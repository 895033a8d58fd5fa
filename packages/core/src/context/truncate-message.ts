import type { Message } from '../types/messages.js';

/** Appended to a message whose text was cut to fit the context window. */
export const truncationMarker = '\n[...truncated]';

/** The length of the text `truncateText` can cut in this message, or 0 if it has none. */
export function truncatableLength(message: Message): number {
  if (typeof message.content === 'string') return message.content.length;
  if (message.role === 'tool') return 0;
  let longest = 0;
  for (const part of message.content) {
    if (part.type === 'text') longest = Math.max(longest, part.text.length);
  }
  return longest;
}

function cut(text: string, keep: number): string {
  if (keep >= text.length) return text;
  let end = Math.max(0, keep);
  // Never split a surrogate pair: the half would be an invalid character.
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + truncationMarker;
}

/**
 * The message with its longest text cut to its first `keep` characters, plus a marker. The
 * start is kept: instructions and the subject of a message usually come first.
 */
export function truncateText(message: Message, keep: number): Message {
  if (typeof message.content === 'string') {
    return { ...message, content: cut(message.content, keep) } as Message;
  }
  if (message.role === 'tool') return message;
  const longest = truncatableLength(message);
  let done = false;
  const content = message.content.map((part) => {
    if (done || part.type !== 'text' || part.text.length !== longest) return part;
    done = true;
    return { ...part, text: cut(part.text, keep) };
  });
  return { ...message, content } as Message;
}
