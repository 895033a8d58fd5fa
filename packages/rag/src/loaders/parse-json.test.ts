import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { LoaderError } from './loader-error.js';
import { parseJson } from './parse-json.js';
import { parseJsonl } from './parse-jsonl.js';

const fixture = (name: string) =>
  readFile(new URL(`../../test/fixtures/loaders/${name}`, import.meta.url));

describe('parseJson', () => {
  it('makes one document per array element from the chosen fields', async () => {
    const docs = await parseJson(await fixture('records.json'), {
      source: 'records.json',
      textFields: ['title', 'body'],
      metadataFields: ['meta.author'],
      idField: 'id',
    });
    // The third record has no title or body, so it gives no document.
    expect(docs.map((doc) => [doc.id, doc.text])).toEqual([
      ['records.json#a', 'Alpha\n\nFirst record.'],
      ['records.json#b', 'Beta\n\nSecond record.'],
    ]);
    expect(docs[0]?.metadata).toMatchObject({
      source: 'records.json',
      mimeType: 'application/json',
      index: 0,
      'meta.author': 'Ada',
    });
  });

  it('turns a whole object into indented JSON text when no fields are chosen', async () => {
    const [doc] = await parseJson('{"a":1,"b":[true]}', { source: 'x.json' });
    expect(doc?.id).toBe('x.json');
    expect(doc?.text).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
  });

  it('reads only own properties, so paths cannot reach the prototype', async () => {
    const docs = await parseJson('[{"t":"x"}]', { textFields: ['t', 'constructor.name'] });
    expect(docs[0]?.text).toBe('x');
  });

  it('reports invalid JSON with the source named', async () => {
    const error = await parseJson('{"a":', { source: 'bad.json' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).message).toMatch(/^Invalid JSON in bad\.json: /);
  });

  it('refuses a missing id field with a clear error', async () => {
    await expect(parseJson('[{"text":"x"}]', { idField: 'id' })).rejects.toThrow(
      /id field "id" is missing.*record 0/,
    );
  });
});

describe('parseJsonl', () => {
  it('makes one document per non-blank line, with the line number', async () => {
    const docs = await parseJsonl(await fixture('records.jsonl'), {
      source: 'records.jsonl',
      textFields: ['text'],
      metadataFields: ['lang'],
    });
    expect(docs.map((doc) => [doc.id, doc.text, doc.metadata.line])).toEqual([
      ['records.jsonl#1', 'line one', 1],
      ['records.jsonl#3', 'line two', 3],
    ]);
    expect(docs[1]?.metadata.lang).toBe('en');
    expect(docs[0]?.metadata.mimeType).toBe('application/x-ndjson');
  });

  it('names the line of a JSON error', async () => {
    await expect(
      parseJsonl(await fixture('broken.jsonl'), { source: 'broken.jsonl' }),
    ).rejects.toThrow(/^Invalid JSON on line 3 of broken\.jsonl: /);
  });
});
