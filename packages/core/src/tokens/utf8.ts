/**
 * The UTF-8 bytes of `text` as a binary string (one char per byte). ASCII text is returned
 * as it is, which is the common case and costs one scan. Lone surrogates become U+FFFD, as
 * `TextEncoder` (and so js-tiktoken) encodes them.
 */
export function utf8BinaryString(text: string): string {
  const length = text.length;
  let index = 0;
  while (index < length && text.charCodeAt(index) < 0x80) index++;
  if (index === length) return text;
  let out = text.slice(0, index);
  while (index < length) {
    let code = text.charCodeAt(index++);
    if (code < 0x80) {
      out += String.fromCharCode(code);
    } else if (code < 0x800) {
      out += String.fromCharCode(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else {
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = index < length ? text.charCodeAt(index) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          index++;
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          out += String.fromCharCode(
            0xf0 | (code >> 18),
            0x80 | ((code >> 12) & 0x3f),
            0x80 | ((code >> 6) & 0x3f),
            0x80 | (code & 0x3f),
          );
          continue;
        }
        code = 0xfffd;
      }
      out += String.fromCharCode(
        0xe0 | (code >> 12),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
  return out;
}

/** The bytes of a binary string, for `TextDecoder`. */
export function binaryStringToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
