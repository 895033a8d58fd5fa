import type { Document } from '../types/index.js';
import { baseMetadata, buildDocument } from './document-builder.js';
import { LoaderError } from './loader-error.js';
import type { LoaderInput, ParseOptions } from './types.js';

/** The part of pdfjs-dist this parser uses; typed here so that pdfjs stays an optional peer. */
export interface PdfjsModule {
  getDocument(source: {
    data: Uint8Array;
    isEvalSupported?: boolean;
    useSystemFonts?: boolean;
    disableFontFace?: boolean;
    verbosity?: number;
  }): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
}
interface PdfjsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<{
    getTextContent(): Promise<{ items: Array<{ str?: string; hasEOL?: boolean }> }>;
    cleanup(): void;
  }>;
  getMetadata(): Promise<{ info?: unknown }>;
  destroy(): Promise<void>;
}

/** Where each page's text sits in the document's text. */
export interface PdfPageSpan {
  pageNumber: number;
  start: number;
  end: number;
}

export interface ParsePdfOptions extends ParseOptions {
  /** Supplies pdfjs-dist yourself (e.g. a bundled build); by default it is imported on first use. */
  pdfjs?: () => Promise<PdfjsModule>;
  /** Text between pages (default a blank line). */
  pageSeparator?: string;
}

async function importPdfjs(): Promise<PdfjsModule> {
  // The legacy build runs on Node 20 without browser globals; a variable specifier keeps
  // bundlers from pulling the optional peer into apps that never parse a PDF.
  const specifier = 'pdfjs-dist/legacy/build/pdf.mjs';
  return (await import(/* @vite-ignore */ specifier)) as PdfjsModule;
}

/**
 * One document with the text of every page (pages joined by a blank line). Metadata holds
 * `pageCount` and `pages: [{ pageNumber, start, end }]`, so a chunk's offsets map to a page.
 * Needs the optional peer `pdfjs-dist`.
 */
export async function parsePdf(
  input: LoaderInput,
  options: ParsePdfOptions = {},
): Promise<Document[]> {
  if (typeof input === 'string') {
    throw new LoaderError('parsePdf needs the bytes of the PDF (a Uint8Array), not a string.', {
      code: 'pdf_input',
      source: options.source,
    });
  }
  let pdfjs: PdfjsModule;
  try {
    pdfjs = await (options.pdfjs ?? importPdfjs)();
  } catch (error) {
    throw new LoaderError(
      'Parsing PDF files needs the optional peer dependency pdfjs-dist: run `npm i pdfjs-dist`.',
      { code: 'missing_peer', source: options.source, cause: error },
    );
  }
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy, not the caller's bytes.
  const data = new Uint8Array(input instanceof Uint8Array ? input : new Uint8Array(input));
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  let pdf: PdfjsDocument;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw new LoaderError(
      `Could not read the PDF${options.source ? ` ${options.source}` : ''}: ${(error as Error).message}`,
      { code: 'pdf_syntax', source: options.source, cause: error },
    );
  }
  try {
    const separator = options.pageSeparator ?? '\n\n';
    const pages: PdfPageSpan[] = [];
    let text = '';
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      let pageText = '';
      for (const item of content.items) {
        if (typeof item.str === 'string') pageText += item.str;
        if (item.hasEOL) pageText += '\n';
      }
      page.cleanup();
      pageText = pageText.replace(/[ \t]+\n/g, '\n').trimEnd();
      if (pageNumber > 1) text += separator;
      pages.push({ pageNumber, start: text.length, end: text.length + pageText.length });
      text += pageText;
    }
    const { info } = await pdf.getMetadata().catch(() => ({ info: undefined }));
    const infoTitle = (info as { Title?: unknown } | undefined)?.Title;
    const title =
      typeof infoTitle === 'string' && infoTitle.trim() !== '' ? infoTitle.trim() : undefined;
    const metadata = baseMetadata(options, 'application/pdf', title);
    metadata.pageCount = pdf.numPages;
    metadata.pages = pages;
    return [await buildDocument(options.id ?? options.source ?? 'pdf', text, metadata)];
  } finally {
    await pdf.destroy();
  }
}
