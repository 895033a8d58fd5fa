import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.js';

const fixture = (name: string) =>
  readFile(new URL(`../../test/fixtures/loaders/${name}`, import.meta.url));

describe('parseCsv', () => {
  it('makes one document per row from the chosen text and metadata columns', async () => {
    const docs = await parseCsv(await fixture('faq.csv'), {
      source: 'faq.csv',
      textColumns: ['question', 'answer'],
      metadataColumns: ['topic'],
    });
    expect(docs.map((doc) => doc.id)).toEqual(['faq.csv#0', 'faq.csv#1']);
    expect(docs[0]?.text).toBe('question: What is Weft?\nanswer: A GenAI SDK, for TypeScript.');
    expect(docs[1]?.text).toBe('question: Quotes?\nanswer: He said "hi"\r\nand left.');
    expect(docs[1]?.metadata).toMatchObject({
      row: 2,
      topic: 'csv',
      mimeType: 'text/csv',
      source: 'faq.csv',
    });
  });

  it('uses a single text column as is and names rows by an id column', async () => {
    const docs = await parseCsv('id,body\nk1,hello\nk2,world\n', {
      textColumns: ['body'],
      idColumn: 'id',
      id: 't',
    });
    expect(docs.map((doc) => [doc.id, doc.text])).toEqual([
      ['t#k1', 'hello'],
      ['t#k2', 'world'],
    ]);
  });

  it('gives one document for the whole table in document mode', async () => {
    const docs = await parseCsv(await fixture('faq.csv'), {
      source: 'faq.csv',
      mode: 'document',
      textColumns: ['question'],
    });
    expect(docs).toHaveLength(1);
    expect(docs[0]?.text).toBe('What is Weft?\n\nQuotes?');
    expect(docs[0]?.metadata).toMatchObject({
      columns: ['question', 'answer', 'topic'],
      rowCount: 2,
    });
  });

  it('names columns column1.. when there is no header', async () => {
    const docs = await parseCsv('a,b\nc,d', { header: false, textColumns: ['column2'] });
    expect(docs.map((doc) => doc.text)).toEqual(['b', 'd']);
  });

  it('refuses a column that does not exist, listing the ones that do', async () => {
    await expect(parseCsv('a,b\n1,2', { textColumns: ['c'], source: 'x.csv' })).rejects.toThrow(
      'CSV x.csv: no column named "c" (columns: "a", "b").',
    );
  });

  it('names the file in syntax errors', async () => {
    await expect(parseCsv('a\n"open', { source: 'x.csv' })).rejects.toThrow(
      /^x\.csv: CSV: a quoted field/,
    );
  });
});
