import type { TextRange } from './text-ranges.js';

/** A heading's section: from its heading line to the next heading of any level. */
export interface MarkdownSection extends TextRange {
  /** Titles of the enclosing headings, outermost first; empty before the first heading. */
  headingPath: string[];
  /** Fenced code blocks inside the section, which are never cut. */
  fences: TextRange[];
}

const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/**
 * Sections and code fences of a Markdown text, by lines (ATX headings; a heading inside a
 * fence is code, and an unclosed fence runs to the end, as in CommonMark).
 */
export function markdownSections(text: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  const stack: Array<{ level: number; title: string }> = [];
  let current: MarkdownSection = { start: 0, end: text.length, headingPath: [], fences: [] };
  let fence: { marker: string; start: number } | undefined;
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(lineStart, lineEnd).replace(/\r?\n$/, '');
    if (fence) {
      const marker = fenceOpen.exec(line)?.[1];
      if (
        marker !== undefined &&
        marker[0] === fence.marker[0] &&
        marker.length >= fence.marker.length &&
        line.trim() === marker
      ) {
        current.fences.push({ start: fence.start, end: lineEnd });
        fence = undefined;
      }
    } else {
      const open = fenceOpen.exec(line);
      const heading = open ? null : atxHeading.exec(line);
      if (open) fence = { marker: open[1] as string, start: lineStart };
      else if (heading) {
        const level = (heading[1] as string).length;
        while ((stack[stack.length - 1]?.level ?? 0) >= level) stack.pop();
        stack.push({ level, title: (heading[2] ?? '').trim() });
        if (lineStart > current.start) {
          current.end = lineStart;
          sections.push(current);
        }
        current = {
          start: lineStart,
          end: text.length,
          headingPath: stack.map((entry) => entry.title),
          fences: [],
        };
      }
    }
    lineStart = lineEnd;
  }
  if (fence) current.fences.push({ start: fence.start, end: text.length });
  if (current.end > current.start) sections.push(current);
  return sections;
}
