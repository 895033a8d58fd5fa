/**
 * Small helpers over UTF-16 offsets into a document's text. Chunkers only ever move offsets
 * through these, so no chunk edge lands inside a surrogate pair or on stray whitespace.
 */

/** A half-open range `[start, end)` of UTF-16 offsets. */
export interface TextRange {
  start: number;
  end: number;
}

/** The whitespace that `String.prototype.trim` removes, by UTF-16 code unit. */
export function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The first offset in `[start, end)` that is not whitespace, or `end`. */
export function skipWhitespaceForward(text: string, start: number, end: number): number {
  let position = start;
  while (position < end && isWhitespace(text.charCodeAt(position))) position++;
  return position;
}

/** The offset just past the last non-whitespace character in `[start, end)`, or `start`. */
export function skipWhitespaceBackward(text: string, start: number, end: number): number {
  let position = end;
  while (position > start && isWhitespace(text.charCodeAt(position - 1))) position--;
  return position;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when a cut at `offset` would separate the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

/** The nearest offset at or before `offset` that is a code-point boundary. */
export function codePointBoundaryBefore(text: string, offset: number): number {
  return splitsSurrogatePair(text, offset) ? offset - 1 : offset;
}

/** The nearest offset at or after `offset` that is a code-point boundary. */
export function codePointBoundaryAfter(text: string, offset: number): number {
  return splitsSurrogatePair(text, offset) ? offset + 1 : offset;
}

/** The offset just past the code point that starts at `offset`. */
export function nextCodePoint(text: string, offset: number): number {
  return splitsSurrogatePair(text, offset + 1) ? offset + 2 : offset + 1;
}

/** True when `text` holds no lone surrogate (what `String.prototype.isWellFormed` checks). */
export function isWellFormed(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isHighSurrogate(code)) {
      if (!isLowSurrogate(text.charCodeAt(index + 1))) return false;
      index++;
    } else if (isLowSurrogate(code)) return false;
  }
  return true;
}
