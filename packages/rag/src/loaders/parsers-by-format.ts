import { parseCsv } from './parse-csv.js';
import { parseHtml } from './parse-html.js';
import { parseJson } from './parse-json.js';
import { parseJsonl } from './parse-jsonl.js';
import { parseMarkdown } from './parse-markdown.js';
import { parsePdf } from './parse-pdf.js';
import { parseText } from './parse-text.js';
import type { DocumentParser } from './types.js';

/** The parser for each file extension (lowercase, with the dot). Override or extend with `loaders`. */
export const defaultParsers: Readonly<Record<string, DocumentParser>> = {
  '.txt': parseText,
  '.text': parseText,
  '.md': parseMarkdown,
  '.markdown': parseMarkdown,
  '.mdx': parseMarkdown,
  '.html': parseHtml,
  '.htm': parseHtml,
  '.json': parseJson,
  '.jsonl': parseJsonl,
  '.ndjson': parseJsonl,
  '.csv': parseCsv,
  '.pdf': parsePdf,
};

const parsersByMimeType: Readonly<Record<string, DocumentParser>> = {
  'text/plain': parseText,
  'text/markdown': parseMarkdown,
  'text/x-markdown': parseMarkdown,
  'text/html': parseHtml,
  'application/xhtml+xml': parseHtml,
  'application/json': parseJson,
  'application/x-ndjson': parseJsonl,
  'application/jsonl': parseJsonl,
  'application/x-jsonlines': parseJsonl,
  'text/csv': parseCsv,
  'application/pdf': parsePdf,
};

/** The extension of a path or URL path, lowercase with its dot (`''` when there is none). */
export function extensionOf(path: string): string {
  const name =
    path
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** The parser for a path's extension, with the caller's overrides first. */
export function parserForPath(
  path: string,
  overrides: Readonly<Record<string, DocumentParser>> = {},
): DocumentParser | undefined {
  const extension = extensionOf(path);
  if (extension === '') return undefined;
  return overrides[extension] ?? defaultParsers[extension];
}

/** The parser for a `Content-Type` value (`text/html; charset=utf-8`), if one fits. */
export function parserForMimeType(contentType: string): DocumentParser | undefined {
  const mimeType = contentType.split(';')[0]!.trim().toLowerCase();
  if (parsersByMimeType[mimeType]) return parsersByMimeType[mimeType];
  if (mimeType.endsWith('+json')) return parseJson;
  if (mimeType.startsWith('text/')) return parseText;
  return undefined;
}
