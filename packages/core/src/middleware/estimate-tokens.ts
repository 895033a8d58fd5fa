import type { ChatRequest } from '../types/chat-model.js';

/**
 * A quick estimate of a request's input tokens: about 4 characters a token for English
 * text (OpenAI's rule of thumb), over message texts, tool results and tool schemas.
 * Images count as a flat 1,000 tokens. Use `countMessageTokens` for exact OpenAI counts.
 */
export function estimateRequestTokens(request: ChatRequest): number {
  let characters = 0;
  let images = 0;
  for (const message of request.messages) {
    characters += 16; // role and framing
    if (typeof message.content === 'string') {
      characters += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
      else if (part.type === 'image') images++;
      else if (part.type === 'tool-call') characters += JSON.stringify(part.input ?? {}).length;
      else
        characters +=
          typeof part.output === 'string' ? part.output.length : JSON.stringify(part.output).length;
    }
  }
  for (const tool of request.tools ?? []) {
    characters += tool.name.length + (tool.description?.length ?? 0);
    characters += JSON.stringify(tool.inputSchema).length;
  }
  return Math.ceil(characters / 4) + images * 1_000;
}
