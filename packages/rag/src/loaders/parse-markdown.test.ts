import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse-markdown.js';

const fixture = (name: string) =>
  readFile(new URL(`../../test/fixtures/loaders/${name}`, import.meta.url));

// Inline rather than a fixture file: Biome's Markdown formatter rewrites front matter.
const guideMarkdown = [
  '---',
  'title: "Weft: the guide"',
  'tags: [rag, "loaders, parsers"]',
  'draft: false',
  'order: 3',
  'authors:',
  '  - Ada',
  '  - Grace',
  '__proto__: polluted',
  '---',
  '# Getting started',
  '',
  'Weft loads documents.',
  '',
  '```md',
  '# not a heading',
  '```',
  '',
].join('\n');

describe('parseMarkdown', () => {
  it('moves front matter into metadata and out of the text', async () => {
    const [doc] = await parseMarkdown(guideMarkdown, { source: 'guide.md' });
    expect(doc?.text).toBe(
      '# Getting started\n\nWeft loads documents.\n\n```md\n# not a heading\n```\n',
    );
    expect(doc?.metadata).toEqual({
      source: 'guide.md',
      title: 'Weft: the guide',
      mimeType: 'text/markdown',
      tags: ['rag', 'loaders, parsers'],
      draft: false,
      order: 3,
      authors: ['Ada', 'Grace'],
    });
  });

  it('never lets a front matter key reach the prototype', async () => {
    const [doc] = await parseMarkdown(new TextEncoder().encode(guideMarkdown));
    expect(Object.getPrototypeOf(doc?.metadata)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('takes the title from the first heading, setext headings included', async () => {
    const [doc] = await parseMarkdown(await fixture('untitled.md'), { source: 'untitled.md' });
    expect(doc?.metadata.title).toBe('Setext Title');
  });

  it('ignores headings inside fenced code and falls back to the file name', async () => {
    const [doc] = await parseMarkdown('```\n# code comment\n```\n\ntext', {
      source: 'dir/readme.md',
    });
    expect(doc?.metadata.title).toBe('readme');
  });

  it('keeps text that only looks like front matter when it is not closed', async () => {
    const text = '---\ntitle: x\nno closing line\n';
    const [doc] = await parseMarkdown(text);
    expect(doc?.text).toBe(text);
    expect(doc?.metadata.title).toBeUndefined();
  });

  it('reads front matter with CRLF line ends', async () => {
    const [doc] = await parseMarkdown('---\r\ntitle: Windows\r\n---\r\nBody\r\n');
    expect(doc?.text).toBe('Body\r\n');
    expect(doc?.metadata.title).toBe('Windows');
  });
});
