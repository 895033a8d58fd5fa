import { LoaderError } from './loader-error.js';

export interface CsvSyntaxOptions {
  /** One character; `,` by default. */
  delimiter?: string;
}

/**
 * Splits CSV text into records of fields (RFC 4180): quoted fields may hold delimiters,
 * line breaks and doubled quotes; CRLF, LF and CR all end a record; a leading BOM is dropped;
 * a final line break does not make an empty record. Malformed quoting is an error naming
 * the line, not a silent misparse.
 */
export function parseCsvRecords(text: string, options: CsvSyntaxOptions = {}): string[][] {
  const delimiter = checkDelimiter(options.delimiter);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  if (position >= length) return records;

  while (position < length) {
    const char = text[position]!;
    if (char === '"' && field === '') {
      // A quoted field: read to the closing quote, then expect a delimiter or line end.
      const startLine = line;
      position++;
      let closed = false;
      while (position < length) {
        const next = text.indexOf('"', position);
        if (next === -1) break;
        field += text.slice(position, next);
        line += countLineBreaks(text, position, next);
        if (text[next + 1] === '"') {
          field += '"';
          position = next + 2;
        } else {
          position = next + 1;
          closed = true;
          break;
        }
      }
      if (!closed) {
        throw new LoaderError(`CSV: a quoted field opened on line ${startLine} is never closed.`, {
          code: 'csv_syntax',
        });
      }
      const after = text[position];
      if (after !== undefined && after !== delimiter && after !== '\n' && after !== '\r') {
        throw new LoaderError(
          `CSV: unexpected ${JSON.stringify(after)} after a closing quote on line ${line}.`,
          { code: 'csv_syntax' },
        );
      }
      record.push(field);
      field = '';
      if (after === delimiter) {
        position++;
        continue;
      }
      if (after === undefined) {
        records.push(record);
        record = [];
        break;
      }
      position += after === '\r' && text[position + 1] === '\n' ? 2 : 1;
      line++;
      records.push(record);
      record = [];
      continue;
    }
    if (char === delimiter) {
      record.push(field);
      field = '';
      position++;
      continue;
    }
    if (char === '\n' || char === '\r') {
      record.push(field);
      field = '';
      records.push(record);
      record = [];
      position += char === '\r' && text[position + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    if (char === '"') {
      throw new LoaderError(`CSV: a quote inside an unquoted field on line ${line}.`, {
        code: 'csv_syntax',
      });
    }
    field += char;
    position++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Writes records as RFC 4180 CSV (CRLF line ends), quoting only fields that need it. */
export function formatCsv(
  records: readonly (readonly string[])[],
  options: CsvSyntaxOptions = {},
): string {
  const delimiter = checkDelimiter(options.delimiter);
  let out = '';
  for (const record of records) {
    if (record.length === 1 && record[0] === '') {
      // An unquoted lone empty field would be an empty line, which reads as no field at all.
      out += '""\r\n';
      continue;
    }
    out += record.map((field) => quoteIfNeeded(field, delimiter)).join(delimiter);
    out += '\r\n';
  }
  return out;
}

function quoteIfNeeded(field: string, delimiter: string): string {
  // A leading U+FEFF is quoted too: unquoted at the start of the file it would read as a BOM.
  if (field.includes(delimiter) || /["\r\n]/.test(field) || field.startsWith('\uFEFF')) {
    return `"${field.replace(/"/g, '""')}"`;
  }
  return field;
}

function checkDelimiter(delimiter = ','): string {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new LoaderError(
      `CSV: the delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}.`,
      { code: 'csv_options' },
    );
  }
  return delimiter;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) count++;
  }
  return count;
}
