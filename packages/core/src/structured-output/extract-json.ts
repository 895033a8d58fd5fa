import { tryParseJson } from '../provider-utils/parse-json.js';

const fencePattern = /```(?:json|JSON)?[ \t]*\r?\n?([\s\S]*?)```/g;

/**
 * The JSON value in a model's text answer: the whole text, else the first fenced block
 * (```json ... ```) that parses, else the span from the first `{` to the last `}`.
 * Models asked for JSON by prompt often wrap it in a fence or a sentence.
 */
export function extractJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const whole = tryParseJson(text.trim());
  if (whole.ok) return whole;
  for (const match of text.matchAll(fencePattern)) {
    const fenced = tryParseJson((match[1] ?? '').trim());
    if (fenced.ok) return fenced;
  }
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start !== -1 && end > start) {
    const span = tryParseJson(text.slice(start, end + 1));
    if (span.ok) return span;
  }
  return {
    ok: false,
    error:
      text.trim() === '' ? 'the answer was empty' : `the answer is not valid JSON: ${whole.error}`,
  };
}

/**
 * Where the JSON starts in streamed text (the first `{`), or -1 while only a preamble such
 * as "```json" has arrived.
 */
export function jsonStart(text: string): number {
  return text.indexOf('{');
}
