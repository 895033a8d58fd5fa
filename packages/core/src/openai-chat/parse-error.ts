import type { ParsedErrorBody } from '../provider-utils/http.js';
import { isRecord, stringField, tryParseJson } from '../provider-utils/parse-json.js';

/** The message of an OpenAI-style error object: `{ error: { message } }`, `{ error: "..." }`, `{ message }`, `{ detail }`. */
export function openAIErrorMessage(body: Record<string, unknown>): string | undefined {
  const error = body.error;
  if (typeof error === 'string') return error;
  if (isRecord(error)) return stringField(error, 'message');
  return stringField(body, 'message') ?? stringField(body, 'detail');
}

/** Parses an OpenAI or OpenAI-compatible error body. */
export function parseOpenAIErrorBody(text: string): ParsedErrorBody {
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) return {};
  const body = parsed.value;
  const error = isRecord(body.error) ? body.error : body;
  const code = error.code;
  return {
    message: openAIErrorMessage(body),
    type: stringField(error, 'type'),
    code: typeof code === 'string' ? code : typeof code === 'number' ? String(code) : undefined,
  };
}

const contextLengthPattern =
  /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|reduce the length/i;

/** OpenAI says `context_length_exceeded`; compatible servers say it in words. */
export function isOpenAIContextLengthError(parsed: ParsedErrorBody, status: number): boolean {
  if (status !== 400 && status !== 413 && status !== 422) return false;
  return (
    parsed.code === 'context_length_exceeded' || contextLengthPattern.test(parsed.message ?? '')
  );
}
