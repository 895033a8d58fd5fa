/**
 * tiktoken's pre-tokenization patterns (`pat_str`) run on Rust's regex engine, where `\s` is
 * Unicode White_Space. In JavaScript `\s` also matches U+FEFF and misses U+0085, so running
 * the pattern as it is (what js-tiktoken does) splits text with those characters differently
 * from tiktoken. Spelling the class out gives tiktoken's splits, and so its counts.
 */
const whiteSpace =
  '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** The pattern source with `\s` and `\S` replaced by Unicode White_Space and its complement. */
export function withTiktokenWhitespace(patternSource: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < patternSource.length; index++) {
    const char = patternSource[index] as string;
    if (char === '\\') {
      const next = patternSource[index + 1] ?? '';
      index++;
      if (next === 's') out += inClass ? whiteSpace : `[${whiteSpace}]`;
      else if (next === 'S') {
        // tiktoken's patterns only use \S outside classes (in `(?!\S)`).
        if (inClass) throw new Error('\\S inside a character class is not supported.');
        out += `[^${whiteSpace}]`;
      } else out += char + next;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    out += char;
  }
  return out;
}

/** Compiles an encoding's pattern for matching with `exec` from `lastIndex`. */
export function compileSplitPattern(patternSource: string): RegExp {
  return new RegExp(withTiktokenWhitespace(patternSource), 'gu');
}
