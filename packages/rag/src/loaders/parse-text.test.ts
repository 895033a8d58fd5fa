import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseText } from './parse-text.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('parseText', () => {
  it('gives one document with id, source, title from the file name, MIME type and SHA-256 hash', async () => {
    const [doc] = await parseText('Hello, 世界 😀\n', { source: 'notes/hello.txt' });
    expect(doc?.id).toBe('notes/hello.txt');
    expect(doc?.text).toBe('Hello, 世界 😀\n');
    expect(doc?.metadata).toEqual({
      source: 'notes/hello.txt',
      title: 'hello',
      mimeType: 'text/plain',
    });
    expect(doc?.contentHash).toBe(sha256('Hello, 世界 😀\n'));
  });

  it('decodes UTF-8 bytes and drops the byte-order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('café')]);
    const [doc] = await parseText(bytes);
    expect(doc?.text).toBe('café');
    expect(doc?.id).toBe('text');
  });

  it('decodes UTF-16 when a UTF-16 byte-order mark says so', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    const [doc] = await parseText(bytes.buffer);
    expect(doc?.text).toBe('hi');
  });

  it('keeps caller metadata but lets its own fields win', async () => {
    const [doc] = await parseText('x', {
      id: 'custom',
      source: 'a.txt',
      metadata: { team: 'docs', mimeType: 'wrong' },
    });
    expect(doc?.id).toBe('custom');
    expect(doc?.metadata).toMatchObject({ team: 'docs', mimeType: 'text/plain', source: 'a.txt' });
  });

  it('gives equal hashes for equal text and different hashes otherwise', async () => {
    const [a] = await parseText('same', { source: 'a.txt' });
    const [b] = await parseText('same', { source: 'b.txt' });
    const [c] = await parseText('other', { source: 'a.txt' });
    expect(a?.contentHash).toBe(b?.contentHash);
    expect(a?.contentHash).not.toBe(c?.contentHash);
  });
});
