// Edge-safe: parsers work on strings and bytes. loadUrl resolves hostnames through node:dns
// only when called without `lookup` (a dynamic import). The file-system loaders are in ./node.ts;
// the root's loadFile/loadDirectory import them on the first call (file-loaders-lazy.ts).
export { type CsvSyntaxOptions, formatCsv, parseCsvRecords } from './csv.js';
export { sha256Hex } from './document-builder.js';
export {
  type LoadDirectoryOptions,
  type LoadDirectoryResult,
  type LoadFileOptions,
  loadDirectory,
  loadFile,
  type SkippedFile,
  type SkipReason,
} from './file-loaders-lazy.js';
export { compileGlob } from './glob.js';
export { type LoadUrlOptions, loadUrl } from './load-url.js';
export { LoaderError, type LoaderErrorOptions } from './loader-error.js';
export { type ParseCsvOptions, parseCsv } from './parse-csv.js';
export { type ParseHtmlOptions, parseHtml } from './parse-html.js';
export { type ParseJsonOptions, parseJson } from './parse-json.js';
export { type ParseJsonlOptions, parseJsonl } from './parse-jsonl.js';
export { parseMarkdown } from './parse-markdown.js';
export { type ParsePdfOptions, type PdfjsModule, type PdfPageSpan, parsePdf } from './parse-pdf.js';
export { parseText } from './parse-text.js';
export { defaultParsers, parserForMimeType, parserForPath } from './parsers-by-format.js';
export { isPrivateAddress } from './private-address.js';
export type { DocumentParser, LoaderInput, ParseOptions } from './types.js';
