import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsvRecords } from './csv.js';
import { LoaderError } from './loader-error.js';

const fieldCharacter = fc.constantFrom(
  'a',
  'b',
  ' ',
  ',',
  ';',
  '"',
  '\n',
  '\r',
  '\t',
  'é',
  '😀',
  '\uFEFF',
);
const field = fc.oneof(
  fc.string({ unit: fieldCharacter, maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const records = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 });

describe('parseCsvRecords', () => {
  it('reads back whatever formatCsv writes (random fields with quotes, delimiters, line breaks)', () => {
    fc.assert(
      fc.property(records, fc.constantFrom(',', ';', '\t'), (rows, delimiter) => {
        expect(parseCsvRecords(formatCsv(rows, { delimiter }), { delimiter })).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts LF, CRLF and CR line ends alike', () => {
    fc.assert(
      fc.property(records, fc.constantFrom('\n', '\r\n', '\r'), (rows, lineEnd) => {
        const text = formatCsv(rows).replace(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g, lineEnd);
        expect(parseCsvRecords(text)).toEqual(rows);
      }),
    );
  });

  it('reads quotes, escaped quotes, embedded line breaks and a BOM', () => {
    const text = '\uFEFFname,quote\r\n"Ada, L.","She said ""compute""\r\nthen left"\r\nBob,\r\n';
    expect(parseCsvRecords(text)).toEqual([
      ['name', 'quote'],
      ['Ada, L.', 'She said "compute"\r\nthen left'],
      ['Bob', ''],
    ]);
  });

  it('keeps empty fields at the end of a record, with or without a final line break', () => {
    expect(parseCsvRecords('a,')).toEqual([['a', '']]);
    expect(parseCsvRecords('"a",')).toEqual([['a', '']]);
    expect(parseCsvRecords('"a"')).toEqual([['a']]);
    expect(parseCsvRecords('a,b\n')).toEqual([['a', 'b']]);
    expect(parseCsvRecords('')).toEqual([]);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(() => parseCsvRecords('a,b\nc,"open\nmore')).toThrow(/opened on line 2 is never closed/);
  });

  it('reports text after a closing quote and a quote inside an unquoted field', () => {
    expect(() => parseCsvRecords('x\n"a"b,c')).toThrow(LoaderError);
    expect(() => parseCsvRecords('x\n"a"b,c')).toThrow(/after a closing quote on line 2/);
    expect(() => parseCsvRecords('ab"c')).toThrow(/quote inside an unquoted field on line 1/);
  });

  it('refuses a delimiter that is not one plain character', () => {
    expect(() => parseCsvRecords('a', { delimiter: '"' })).toThrow(/delimiter/);
    expect(() => parseCsvRecords('a', { delimiter: ',,' })).toThrow(/delimiter/);
  });
});
