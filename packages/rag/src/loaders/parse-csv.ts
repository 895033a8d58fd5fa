import type { Document, DocumentMetadata } from '../types/index.js';
import { type CsvSyntaxOptions, parseCsvRecords } from './csv.js';
import { baseMetadata, buildDocument, decodeText, setSafe } from './document-builder.js';
import { LoaderError } from './loader-error.js';
import type { LoaderInput, ParseOptions } from './types.js';

export interface ParseCsvOptions extends ParseOptions, CsvSyntaxOptions {
  /** `rows` (default): one document per data row. `document`: the whole table as one document. */
  mode?: 'rows' | 'document';
  /** Whether the first record names the columns (default true). Without it: `column1`, ... */
  header?: boolean;
  /** Columns that make the text (default: all). One column gives its value alone, several give `name: value` lines. */
  textColumns?: string[];
  /** Columns copied into each row's metadata (rows mode). */
  metadataColumns?: string[];
  /** A column whose value names the row: the id becomes `${id}#${value}` instead of `${id}#${rowIndex}`. */
  idColumn?: string;
}

/**
 * Documents from CSV, with our own RFC 4180 parser. In rows mode each document's metadata has
 * `row` (1-based, not counting the header).
 *
 * @example await parseCsv('q,a\nWhy?,Because.', { textColumns: ['q', 'a'] })
 */
export async function parseCsv(
  input: LoaderInput,
  options: ParseCsvOptions = {},
): Promise<Document[]> {
  const source = options.source;
  let records: string[][];
  try {
    records = parseCsvRecords(decodeText(input), options);
  } catch (error) {
    if (error instanceof LoaderError && source) {
      throw new LoaderError(`${source}: ${error.message}`, {
        code: error.code,
        source,
        cause: error,
      });
    }
    throw error;
  }
  const useHeader = options.header ?? true;
  const width = records.reduce((max, record) => Math.max(max, record.length), 0);
  const columns = useHeader
    ? (records[0] ?? []).map((name) => name.trim())
    : Array.from({ length: width }, (_, index) => `column${index + 1}`);
  const rows = (useHeader ? records.slice(1) : records).filter(
    (record) => !(record.length === 1 && record[0] === ''),
  );

  const textColumns = options.textColumns ?? columns;
  const metadataColumns = options.metadataColumns ?? [];
  const wanted = [
    ...textColumns,
    ...metadataColumns,
    ...(options.idColumn ? [options.idColumn] : []),
  ];
  const missing = wanted.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new LoaderError(
      `CSV${source ? ` ${source}` : ''}: no column named ${missing.map((name) => JSON.stringify(name)).join(', ')} (columns: ${columns.map((name) => JSON.stringify(name)).join(', ')}).`,
      { code: 'csv_columns', source },
    );
  }
  const indexOf = (name: string) => columns.indexOf(name);
  const render = (record: string[]) => {
    if (textColumns.length === 1) return record[indexOf(textColumns[0]!)] ?? '';
    return textColumns.map((name) => `${name}: ${record[indexOf(name)] ?? ''}`).join('\n');
  };

  const baseId = options.id ?? source ?? 'csv';
  if (options.mode === 'document') {
    const text = rows.map(render).join('\n\n');
    const metadata = baseMetadata(options, 'text/csv');
    metadata.columns = columns;
    metadata.rowCount = rows.length;
    return [await buildDocument(baseId, text, metadata)];
  }

  const documents: Document[] = [];
  for (let index = 0; index < rows.length; index++) {
    const record = rows[index]!;
    const metadata: DocumentMetadata = baseMetadata(options, 'text/csv');
    metadata.row = index + 1;
    for (const name of metadataColumns) setSafe(metadata, name, record[indexOf(name)] ?? '');
    const key = options.idColumn ? (record[indexOf(options.idColumn)] ?? '') : String(index);
    documents.push(await buildDocument(`${baseId}#${key}`, render(record), metadata));
  }
  return documents;
}
