import type { ToolCall } from '../types/tools.js';
import { tryParseJson } from './parse-json.js';

/**
 * A tool call from the raw arguments text: empty arguments mean `{}`; text that is not
 * JSON keeps `input` undefined and says why in `inputError`.
 */
export function toolCallFromText(
  toolCallId: string,
  toolName: string,
  inputText: string,
): ToolCall {
  if (inputText.trim() === '') return { toolCallId, toolName, input: {}, inputText };
  const parsed = tryParseJson(inputText);
  if (parsed.ok) return { toolCallId, toolName, input: parsed.value, inputText };
  return {
    toolCallId,
    toolName,
    input: undefined,
    inputText,
    inputError: `arguments are not valid JSON: ${parsed.error}`,
  };
}

/** Serializes a tool's output for a `tool` message: strings as they are, others as JSON. */
export function toolOutputText(output: unknown): string {
  if (typeof output === 'string') return output;
  return JSON.stringify(output ?? null);
}
