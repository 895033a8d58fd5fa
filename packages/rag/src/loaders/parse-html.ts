import { Parser } from 'htmlparser2';
import type { Document } from '../types/index.js';
import { baseMetadata, buildDocument, decodeText } from './document-builder.js';
import type { LoaderInput, ParseOptions } from './types.js';

export interface ParseHtmlOptions extends ParseOptions {
  /**
   * How headings are written: `markdown` (`## Heading`, default, so the Markdown chunker can
   * keep heading paths) or `plain` (the heading text alone on its line).
   */
  headingStyle?: 'markdown' | 'plain';
  /** Extra elements whose content is dropped, in addition to scripts, styles, nav and the like. */
  dropElements?: string[];
}

// Content that is not part of what a reader reads.
const defaultDropped = [
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'svg',
  'iframe',
  'object',
  'canvas',
  'head',
  'title',
  'select',
  'button',
];
const blockElements = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
  'caption',
  'body',
  'html',
]);
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * One document with the readable text of an HTML page: headings on their own lines, list
 * items as `- item`, table cells separated by ` | `, scripts, styles and navigation dropped.
 * The title comes from `<title>`, else the first `<h1>`.
 */
export async function parseHtml(
  input: LoaderInput,
  options: ParseHtmlOptions = {},
): Promise<Document[]> {
  const html = decodeText(input);
  const dropped = new Set([...defaultDropped, ...(options.dropElements ?? [])]);
  const headingStyle = options.headingStyle ?? 'markdown';

  const lines: string[] = [];
  let line = '';
  let dropDepth = 0;
  let preDepth = 0;
  let inTitle = false;
  let title = '';
  let firstH1: string | undefined;
  let h1Text: string | undefined;
  let cellIndex = 0;
  let lang: string | undefined;
  const openStack: string[] = [];

  const endLine = () => {
    const trimmed = preDepth > 0 ? line.replace(/\s+$/, '') : line.trim();
    if (trimmed !== '' && !/^(-|#+)$/.test(trimmed)) lines.push(trimmed);
    line = '';
  };
  const blankLine = () => {
    endLine();
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (!voidElements.has(name)) openStack.push(name);
        if (name === 'html' && attributes.lang) lang = attributes.lang;
        if (name === 'title') inTitle = true;
        // The <title> lives in <head>, which is dropped, so it is read before the drop check.
        if (dropped.has(name) && !voidElements.has(name)) {
          dropDepth++;
          return;
        }
        if (dropDepth > 0) return;
        const level = headingLevel(name);
        if (level) {
          blankLine();
          if (headingStyle === 'markdown') line = `${'#'.repeat(level)} `;
          if (name === 'h1' && firstH1 === undefined) h1Text = '';
          return;
        }
        if (name === 'br') endLine();
        else if (name === 'pre') {
          blankLine();
          preDepth++;
        } else if (name === 'li') {
          endLine();
          line = '- ';
        } else if (name === 'tr') {
          endLine();
          cellIndex = 0;
        } else if (name === 'td' || name === 'th') {
          if (cellIndex > 0) line += ' | ';
          cellIndex++;
        } else if (name === 'p' || name === 'blockquote' || name === 'table') blankLine();
        else if (blockElements.has(name)) endLine();
      },
      ontext(data) {
        if (inTitle) title += data;
        if (dropDepth > 0) return;
        if (preDepth > 0) {
          const parts = data.split(/\r?\n/);
          line += parts[0];
          for (const part of parts.slice(1)) {
            endLine();
            line = part;
          }
          return;
        }
        const collapsed = data.replace(/\s+/g, ' ');
        if (collapsed === ' ' && (line === '' || line.endsWith(' '))) return;
        line += line.endsWith(' ') || line === '' ? collapsed.replace(/^ /, '') : collapsed;
        if (h1Text !== undefined) h1Text += data;
      },
      onclosetag(name) {
        // Pop to the matching element so that unclosed children do not leak state.
        const at = openStack.lastIndexOf(name);
        if (at >= 0) openStack.length = at;
        if (name === 'title') inTitle = false;
        if (dropped.has(name) && !voidElements.has(name)) {
          dropDepth = Math.max(0, dropDepth - 1);
          return;
        }
        if (dropDepth > 0) return;
        if (headingLevel(name)) {
          if (name === 'h1' && h1Text !== undefined && firstH1 === undefined) {
            firstH1 = h1Text.replace(/\s+/g, ' ').trim();
            h1Text = undefined;
          }
          blankLine();
        } else if (name === 'pre') {
          // End the last line while still inside <pre>, so its indentation is kept.
          endLine();
          preDepth = Math.max(0, preDepth - 1);
          blankLine();
        } else if (name === 'p' || name === 'blockquote' || name === 'table') blankLine();
        else if (blockElements.has(name)) endLine();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  const text = lines.join('\n');
  const cleanTitle = title.replace(/\s+/g, ' ').trim() || firstH1 || undefined;
  const metadata = baseMetadata(options, 'text/html', cleanTitle);
  if (lang) metadata.language = lang;
  const id = options.id ?? options.source ?? 'html';
  return [await buildDocument(id, text, metadata)];
}

function headingLevel(name: string): number | undefined {
  return /^h[1-6]$/.test(name) ? Number(name[1]) : undefined;
}
