import type { Document, DocumentMetadata } from '../types/index.js';
import { baseMetadata, buildDocument, decodeText, setSafe } from './document-builder.js';
import { parseFrontMatter } from './front-matter.js';
import type { LoaderInput, ParseOptions } from './types.js';

const reservedKeys = new Set(['source', 'mimeType', 'title']);

/**
 * One Markdown document. Front matter is removed from the text and its fields go into the
 * metadata; the title comes from front matter `title`, else the first heading, else the file
 * name.
 *
 * @example const [doc] = await parseMarkdown('# Guide\n\nHello', { source: 'guide.md' });
 */
export async function parseMarkdown(
  input: LoaderInput,
  options: ParseOptions = {},
): Promise<Document[]> {
  const raw = decodeText(input);
  const frontMatter = parseFrontMatter(raw);
  const text = frontMatter ? raw.slice(frontMatter.bodyStart) : raw;
  const fmTitle = frontMatter?.data.title;
  const title =
    (typeof fmTitle === 'string' && fmTitle.trim() !== '' ? fmTitle.trim() : undefined) ??
    firstHeading(text);
  const metadata: DocumentMetadata = baseMetadata(options, 'text/markdown', title);
  if (frontMatter) {
    for (const [key, value] of Object.entries(frontMatter.data)) {
      if (!reservedKeys.has(key)) setSafe(metadata, key, value);
    }
  }
  const id = options.id ?? options.source ?? 'markdown';
  return [await buildDocument(id, text, metadata)];
}

/** The first ATX (`# Title`) or setext (`Title\n===`) heading outside fenced code. */
function firstHeading(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence) continue;
    const atx = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$/.exec(line);
    if (atx?.[1]) return atx[1].trim();
    const next = lines[index + 1];
    if (line.trim() !== '' && next !== undefined && /^\s{0,3}(=+|-+)\s*$/.test(next)) {
      return line.trim();
    }
  }
  return undefined;
}
