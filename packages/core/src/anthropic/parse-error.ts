import type { ParsedErrorBody } from '../provider-utils/http.js';
import { isRecord, stringField, tryParseJson } from '../provider-utils/parse-json.js';

/**
 * Parses an Anthropic error body, `{"type":"error","error":{"type":"...","message":"..."}}`.
 * The error type goes to `type` only: Weft's error classes keep their own stable codes.
 */
export function parseAnthropicErrorBody(text: string): ParsedErrorBody {
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) return {};
  const error = parsed.value.error;
  if (!isRecord(error)) return { message: stringField(parsed.value, 'message') };
  return { message: stringField(error, 'message'), type: stringField(error, 'type') };
}

// "prompt is too long: 208310 tokens > 200000 maximum", and "input length and `max_tokens`
// exceed context limit: ..." when the prompt fits but the requested output does not.
const contextLengthPattern =
  /prompt is too long|exceeds? (the )?context (limit|window)|context window|too many (input )?tokens/i;

/** Whether a refused request means the prompt (plus the output asked for) is too long. */
export function isAnthropicContextLengthError(parsed: ParsedErrorBody, status: number): boolean {
  if (status !== 400 && status !== 413) return false;
  return parsed.type === 'request_too_large' || contextLengthPattern.test(parsed.message ?? '');
}
