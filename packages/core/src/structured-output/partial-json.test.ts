import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartialJsonParser, parsePartialJson } from './partial-json.js';

/** A partial value is consistent with the final one when arriving text can only extend it. */
function isConsistent(partial: unknown, final: unknown): boolean {
  if (partial === undefined) return true;
  if (typeof final === 'string') return typeof partial === 'string' && final.startsWith(partial);
  if (Array.isArray(final)) {
    return (
      Array.isArray(partial) &&
      partial.length <= final.length &&
      partial.every((item, index) => isConsistent(item, final[index]))
    );
  }
  if (typeof final === 'object' && final !== null) {
    if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) return false;
    const finalRecord = final as Record<string, unknown>;
    return Object.entries(partial).every(
      ([key, value]) => Object.hasOwn(finalRecord, key) && isConsistent(value, finalRecord[key]),
    );
  }
  return Object.is(partial, final) || (partial === 0 && final === 0);
}

// Strings of every kind: emoji and other astral characters, lone surrogates, control
// characters, quotes and backslashes, so that escapes of every form appear in the JSON.
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '😀', 'é', ' ', 'a') }),
);
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    anyString,
    fc.array(tie('value')),
    fc.dictionary(anyString, tie('value')),
  ),
})).value;

describe('parsePartialJson', () => {
  it('parses the full text of any JSON value to that value', () => {
    fc.assert(
      fc.property(jsonValue, fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const parsed = parsePartialJson(text);
        const parser = new PartialJsonParser();
        parser.push(text);
        parser.finish();
        expect(parser.error).toBeUndefined();
        expect(parser.snapshot()).toEqual(JSON.parse(text));
        if (parsed.complete) expect(parsed.value).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('parses every prefix to a value that the rest of the text can only extend', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = JSON.stringify(value);
        const final = JSON.parse(text);
        for (let end = 0; end <= text.length; end++) {
          const parsed = parsePartialJson(text.slice(0, end));
          expect(parsed.error).toBeUndefined();
          expect(isConsistent(parsed.value, final)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same snapshots however the text is split into pushes', () => {
    fc.assert(
      fc.property(jsonValue, fc.array(fc.nat(), { maxLength: 20 }), (value, cuts) => {
        const text = JSON.stringify(value);
        const parser = new PartialJsonParser();
        let last = 0;
        for (const cut of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
          parser.push(text.slice(last, cut));
          last = cut;
          expect(parser.snapshot()).toEqual(parsePartialJson(text.slice(0, cut)).value);
        }
        parser.push(text.slice(last));
        parser.finish();
        expect(parser.snapshot()).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('shows a string as it arrives, but not a key without its value or half a number', () => {
    expect(parsePartialJson('{"title":"Pasta car').value).toEqual({ title: 'Pasta car' });
    expect(parsePartialJson('{"title":"Pasta","ser').value).toEqual({ title: 'Pasta' });
    expect(parsePartialJson('{"title":"Pasta","serves":').value).toEqual({ title: 'Pasta' });
    expect(parsePartialJson('{"serves":4').value).toEqual({});
    expect(parsePartialJson('{"serves":4,').value).toEqual({ serves: 4 });
    expect(parsePartialJson('{"tags":["a","b').value).toEqual({ tags: ['a', 'b'] });
    expect(parsePartialJson('{"vegan":t').value).toEqual({ vegan: true });
    expect(parsePartialJson('[{"a":{"b":[1,n').value).toEqual([{ a: { b: [1, null] } }]);
  });

  it('never shows half an escape or half a surrogate pair', () => {
    expect(parsePartialJson('"a\\').value).toBe('a');
    expect(parsePartialJson('"a\\u00').value).toBe('a');
    expect(parsePartialJson('"a\\u00e9').value).toBe('aé');
    expect(parsePartialJson('"\\ud83d').value).toBe('');
    expect(parsePartialJson('"\\ud83d\\ude00').value).toBe('😀');
    expect(parsePartialJson('"\\ud83dx"').value).toBe('\ud83dx');
  });

  it('reports text that cannot be JSON, with where it went wrong', () => {
    expect(parsePartialJson('{"a" 1}').error).toMatch(/expected ":"/);
    expect(parsePartialJson('{"a":tru3}').error).toMatch(/literal/);
    expect(parsePartialJson('[1,]').error).toMatch(/where a value should start/);
    expect(parsePartialJson('{"a":01}').error).toMatch(/not a number/);
    expect(parsePartialJson('"a\\x"').error).toMatch(/invalid escape/);
    expect(parsePartialJson('"a\nb"').error).toMatch(/control character/);
  });

  it('stops at the end of the value and says how much text it used', () => {
    const parser = new PartialJsonParser();
    expect(parser.push('{"a":1}\n```')).toBe(8);
    expect(parser.done).toBe(true);
    expect(parser.snapshot()).toEqual({ a: 1 });
  });

  it('keeps a "__proto__" key as a plain property', () => {
    const value = parsePartialJson('{"__proto__":{"polluted":true}}').value as object;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
