const whitespace = /\s/u;

/**
 * The places a text may be cut short, in increasing order: after each word (trailing space
 * left out), never inside a surrogate pair. `Intl.Segmenter` finds words in scripts without
 * spaces (Chinese, Japanese, Thai); a whitespace rule serves where it is missing.
 */
export function wordCutPoints(text: string): number[] {
  const cuts: number[] = [];
  const add = (boundary: number) => {
    let cut = boundary;
    while (cut > 0 && whitespace.test(text[cut - 1] as string)) cut--;
    if (cut > 0 && cut !== cuts[cuts.length - 1]) cuts.push(cut);
  };
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
    for (const segment of segmenter.segment(text)) {
      if (segment.isWordLike) add(segment.index + segment.segment.length);
    }
  } else {
    for (let i = 1; i <= text.length; i++) {
      if (
        i === text.length ||
        (whitespace.test(text[i] as string) && !whitespace.test(text[i - 1] as string))
      ) {
        add(i);
      }
    }
  }
  return cuts;
}
