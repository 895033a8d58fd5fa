import { setSafe } from './document-builder.js';

/** Front matter found at the top of a Markdown file, and where the body starts. */
export interface FrontMatter {
  data: Record<string, unknown>;
  /** UTF-16 offset of the first character after the closing `---` line. */
  bodyStart: number;
}

const openingPattern = /^---[ \t]*\r?\n/;
const closingPattern = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * Reads YAML front matter (`---` ... `---`) with a deliberately small YAML subset: scalars,
 * quoted strings, inline `[a, b]` lists and `- item` block lists. Anything richer is kept as
 * its raw text, so no YAML feature can run code or blow up memory.
 */
export function parseFrontMatter(text: string): FrontMatter | undefined {
  const opening = openingPattern.exec(text);
  if (!opening) return undefined;
  const rest = text.slice(opening[0].length);
  const closing = closingPattern.exec(rest);
  if (!closing) return undefined;
  const block = rest.slice(0, closing.index);
  const bodyStart = opening[0].length + closing.index + closing[0].length;
  return { data: parseYamlSubset(block), bodyStart };
}

function parseYamlSubset(block: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const lines = block.split(/\r?\n/);
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    index++;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = /^([A-Za-z0-9_][\w.-]*)\s*:(?:\s+(.*))?\s*$/.exec(line);
    if (!match) continue;
    const key = match[1]!;
    const rawValue = (match[2] ?? '').trim();
    if (rawValue !== '') {
      setSafe(data, key, parseScalarOrList(rawValue));
      continue;
    }
    // An empty value: a block list or nested mapping follows on indented lines.
    const nested: string[] = [];
    while (index < lines.length && /^(\s+|-\s)/.test(lines[index] ?? '')) {
      nested.push(lines[index]!);
      index++;
    }
    if (nested.length === 0) setSafe(data, key, null);
    else if (nested.every((item) => /^\s*-\s/.test(item))) {
      setSafe(
        data,
        key,
        nested.map((item) => parseScalar(item.replace(/^\s*-\s+/, '').trim())),
      );
    } else setSafe(data, key, nested.join('\n'));
  }
  return data;
}

function parseScalarOrList(value: string): unknown {
  if (value.startsWith('[') && value.endsWith(']')) {
    const inner = value.slice(1, -1).trim();
    if (inner === '') return [];
    return splitInlineList(inner).map((item) => parseScalar(item.trim()));
  }
  return parseScalar(value);
}

function splitInlineList(inner: string): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of inner) {
    if (quote) {
      current += char;
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ',') {
      items.push(current);
      current = '';
    } else current += char;
  }
  items.push(current);
  return items;
}

function parseScalar(value: string): unknown {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value
      .slice(1, -1)
      .replace(/\\(["\\])/g, '$1')
      .replace(/\\n/g, '\n');
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) {
    return value.slice(1, -1).replace(/''/g, "'");
  }
  const withoutComment = value.replace(/\s+#.*$/, '');
  if (/^(true|false)$/i.test(withoutComment)) return withoutComment.toLowerCase() === 'true';
  if (/^(null|~)$/i.test(withoutComment)) return null;
  if (/^-?\d+(\.\d+)?$/.test(withoutComment) && withoutComment.length < 16) {
    return Number(withoutComment);
  }
  return withoutComment;
}
