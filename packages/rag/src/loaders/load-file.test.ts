import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from './load-file.js';
import { LoaderError } from './loader-error.js';
import { parseText } from './parse-text.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/loaders/', import.meta.url));
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-load-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadFile', () => {
  it('chooses the parser by extension and uses the path as id and source', async () => {
    const path = join(dir, 'guide.md');
    await writeFile(path, '---\ntitle: "Weft: the guide"\n---\n# Getting started\n');
    const [doc] = await loadFile(path);
    expect(doc?.id).toBe(path);
    expect(doc?.metadata).toMatchObject({
      source: path,
      mimeType: 'text/markdown',
      title: 'Weft: the guide',
    });
  });

  it('loads every format the directory loader knows', async () => {
    const types = await Promise.all(
      ['notes.txt', 'page.html', 'records.json', 'records.jsonl', 'faq.csv', 'tiny.pdf'].map(
        async (name) => (await loadFile(join(fixtures, name), { id: name }))[0]?.metadata.mimeType,
      ),
    );
    expect(types).toEqual([
      'text/plain',
      'text/html',
      'application/json',
      'application/x-ndjson',
      'text/csv',
      'application/pdf',
    ]);
  });

  it('refuses a file over maxBytes without parsing it', async () => {
    const path = join(dir, 'big.txt');
    await writeFile(path, 'x'.repeat(1000));
    const error = await loadFile(path, { maxBytes: 999 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).code).toBe('too_large');
    expect((await loadFile(path, { maxBytes: 1000 }))[0]?.text).toHaveLength(1000);
  });

  it('refuses an unknown extension unless a parser is given', async () => {
    const path = join(dir, 'notes.rst');
    await writeFile(path, 'Title\n=====');
    await expect(loadFile(path)).rejects.toThrow(/No loader for .*notes\.rst/);
    expect((await loadFile(path, { loaders: { '.rst': parseText } }))[0]?.text).toBe(
      'Title\n=====',
    );
    expect((await loadFile(path, { parser: parseText, id: 'n' }))[0]?.id).toBe('n');
  });

  it('reports a missing file as a LoaderError naming it', async () => {
    await expect(loadFile(join(dir, 'missing.txt'))).rejects.toThrow(
      /Could not read .*missing\.txt/,
    );
  });
});
