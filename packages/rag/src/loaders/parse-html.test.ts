import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseHtml } from './parse-html.js';

const fixture = (name: string) =>
  readFile(new URL(`../../test/fixtures/loaders/${name}`, import.meta.url));

describe('parseHtml', () => {
  it('keeps readable text with headings as lines and drops scripts, styles and nav', async () => {
    const [doc] = await parseHtml(await fixture('page.html'), { source: 'page.html' });
    expect(doc?.text).toBe(
      [
        '# Loading documents',
        '',
        'Weft reads HTML, Markdown and PDF.',
        '',
        '## Lists',
        '',
        '- one',
        '- two <3',
        '',
        'name | size',
        'a.md | 3',
        '',
        'line 1',
        '  indented line 2',
        '',
        'Last',
        'line',
      ].join('\n'),
    );
    expect(doc?.text).not.toMatch(/tracking|never|Enable JS|Home|color/);
    expect(doc?.metadata).toEqual({
      source: 'page.html',
      title: 'Weft & Friends',
      mimeType: 'text/html',
      language: 'en',
    });
  });

  it('falls back to the first h1 for the title and writes plain headings on request', async () => {
    const [doc] = await parseHtml('<h1>Only <i>heading</i></h1><p>x</p>', {
      headingStyle: 'plain',
    });
    expect(doc?.metadata.title).toBe('Only heading');
    expect(doc?.text).toBe('Only heading\n\nx');
  });

  it('drops extra elements the caller names', async () => {
    const [doc] = await parseHtml('<p>keep</p><footer>legal</footer>', {
      dropElements: ['footer'],
    });
    expect(doc?.text).toBe('keep');
  });

  it('survives unclosed and stray tags', async () => {
    const [doc] = await parseHtml('<div><p>open <b>bold</div></p><li>item<p>after');
    expect(doc?.text).toBe('open bold\n\n- item\n\nafter');
  });
});
