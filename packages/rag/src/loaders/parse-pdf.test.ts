import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LoaderError } from './loader-error.js';
import { parsePdf } from './parse-pdf.js';

const fixture = (name: string) =>
  readFile(new URL(`../../test/fixtures/loaders/${name}`, import.meta.url));

describe('parsePdf', () => {
  it('joins the text of every page and records where each page sits', async () => {
    const bytes = await fixture('tiny.pdf');
    const [doc] = await parsePdf(bytes, { source: 'tiny.pdf' });
    expect(doc?.text).toBe(
      'Weft loads PDF files.\nEach page becomes text.\n\nPage two talks about chunking.',
    );
    expect(doc?.metadata).toMatchObject({
      source: 'tiny.pdf',
      title: 'Tiny Weft PDF',
      mimeType: 'application/pdf',
      pageCount: 2,
    });
    const pages = doc?.metadata.pages as Array<{ pageNumber: number; start: number; end: number }>;
    expect(pages.map((page) => doc?.text.slice(page.start, page.end))).toEqual([
      'Weft loads PDF files.\nEach page becomes text.',
      'Page two talks about chunking.',
    ]);
    // The caller's buffer is not detached by pdfjs.
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it('says how to install pdfjs-dist when the optional peer is missing', async () => {
    const missing = () => Promise.reject(new Error("Cannot find package 'pdfjs-dist'"));
    const error = await parsePdf(new Uint8Array([1]), { pdfjs: missing }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).code).toBe('missing_peer');
    expect((error as LoaderError).message).toContain('npm i pdfjs-dist');
  });

  it('refuses bytes that are not a PDF, and text instead of bytes', async () => {
    await expect(
      parsePdf(new TextEncoder().encode('not a pdf'), { source: 'x.pdf' }),
    ).rejects.toThrow(/Could not read the PDF x\.pdf/);
    await expect(parsePdf('%PDF-1.4')).rejects.toThrow(/needs the bytes/);
  });
});
