import { describe, expect, it } from 'vitest';
import { extractJson } from './extract-json.js';

describe('extractJson', () => {
  it('reads bare JSON, a fenced block, or the object inside a sentence', () => {
    expect(extractJson(' {"a":1} ')).toEqual({ ok: true, value: { a: 1 } });
    expect(extractJson('Here:\n```json\n{"a":2}\n```\nDone.')).toEqual({
      ok: true,
      value: { a: 2 },
    });
    expect(extractJson('```\n{"a":3}\n```')).toEqual({ ok: true, value: { a: 3 } });
    expect(extractJson('The answer is {"a":4}.')).toEqual({ ok: true, value: { a: 4 } });
  });

  it('says why when there is no JSON', () => {
    expect(extractJson('')).toEqual({ ok: false, error: 'the answer was empty' });
    const result = extractJson('I cannot help with that.');
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/^the answer is not valid JSON/);
  });
});
