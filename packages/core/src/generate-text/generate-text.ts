import type { ChatResponse } from '../types/chat-model.js';
import { buildTextRequest, type TextCallOptions } from './build-request.js';

export type GenerateTextOptions = TextCallOptions;

/** The result of `generateText`: the text, tool calls, usage and metadata. */
export type GenerateTextResult = ChatResponse;

/**
 * Generates text (and tool calls) with any chat model.
 *
 * @example
 * const { text, usage } = await generateText({ model, system: 'Be brief.', prompt: 'What is RAG?' });
 */
export async function generateText(options: GenerateTextOptions): Promise<GenerateTextResult> {
  const { request, callOptions } = buildTextRequest(options);
  return options.model.generate(request, callOptions);
}
