/**
 * The Porter stemming algorithm (M. F. Porter, 1980), as in the reference implementation
 * and Lucene's `PorterStemFilter`: "connections" -> "connect", "relational" -> "relat".
 * Words of one or two letters, and words with characters outside a-z, are returned as they
 * are, so that numbers and non-English words keep their exact form.
 */

function isConsonant(word: string, index: number): boolean {
  const char = word.charCodeAt(index);
  // a e i o u
  if (char === 97 || char === 101 || char === 105 || char === 111 || char === 117) return false;
  if (char === 121) return index === 0 ? true : !isConsonant(word, index - 1); // y
  return true;
}

/** m(): the number of vowel-consonant sequences in `word.slice(0, end)`. */
function measure(word: string, end: number): number {
  let count = 0;
  let index = 0;
  while (index < end && isConsonant(word, index)) index++;
  while (index < end) {
    while (index < end && !isConsonant(word, index)) index++;
    if (index >= end) break;
    while (index < end && isConsonant(word, index)) index++;
    count++;
  }
  return count;
}

function hasVowel(word: string, end: number): boolean {
  for (let index = 0; index < end; index++) if (!isConsonant(word, index)) return true;
  return false;
}

function endsWithDoubleConsonant(word: string, end: number): boolean {
  return end >= 2 && word[end - 1] === word[end - 2] && isConsonant(word, end - 1);
}

/** *o: the stem ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(word: string, end: number): boolean {
  if (end < 3) return false;
  if (!isConsonant(word, end - 1) || isConsonant(word, end - 2) || !isConsonant(word, end - 3)) {
    return false;
  }
  const last = word[end - 1];
  return last !== 'w' && last !== 'x' && last !== 'y';
}

type Rule = readonly [suffix: string, replacement: string];

/** Replaces the first matching suffix when the stem before it has m() > `minMeasure`. */
function applyRules(word: string, rules: readonly Rule[], minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stemEnd = word.length - suffix.length;
    return measure(word, stemEnd) > minMeasure ? word.slice(0, stemEnd) + replacement : word;
  }
  return word;
}

const step2Rules: readonly Rule[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];

const step3Rules: readonly Rule[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

const step4Suffixes: readonly string[] = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

function step1a(word: string): string {
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies')) return word.slice(0, -2);
  if (word.endsWith('ss')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function step1b(word: string): string {
  if (word.endsWith('eed')) {
    return measure(word, word.length - 3) > 0 ? word.slice(0, -1) : word;
  }
  let stem: string | undefined;
  if (word.endsWith('ed') && hasVowel(word, word.length - 2)) stem = word.slice(0, -2);
  else if (word.endsWith('ing') && hasVowel(word, word.length - 3)) stem = word.slice(0, -3);
  if (stem === undefined) return word;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return `${stem}e`;
  if (endsWithDoubleConsonant(stem, stem.length)) {
    const last = stem[stem.length - 1];
    if (last !== 'l' && last !== 's' && last !== 'z') return stem.slice(0, -1);
    return stem;
  }
  if (measure(stem, stem.length) === 1 && endsCvc(stem, stem.length)) return `${stem}e`;
  return stem;
}

function step1c(word: string): string {
  if (word.endsWith('y') && hasVowel(word, word.length - 1)) return `${word.slice(0, -1)}i`;
  return word;
}

function step4(word: string): string {
  for (const suffix of step4Suffixes) {
    if (!word.endsWith(suffix)) continue;
    const stemEnd = word.length - suffix.length;
    if (measure(word, stemEnd) <= 1) return word;
    if (suffix === 'ion') {
      const before = word[stemEnd - 1];
      if (before !== 's' && before !== 't') return word;
    }
    return word.slice(0, stemEnd);
  }
  return word;
}

function step5(word: string): string {
  let result = word;
  if (result.endsWith('e')) {
    const stemEnd = result.length - 1;
    const m = measure(result, stemEnd);
    if (m > 1 || (m === 1 && !endsCvc(result, stemEnd))) result = result.slice(0, stemEnd);
  }
  if (result.endsWith('ll') && measure(result, result.length) > 1) result = result.slice(0, -1);
  return result;
}

const lowercaseAscii = /^[a-z]+$/;

/** Reduces an English word to its Porter stem. Expects lowercase input. */
export function porterStem(word: string): string {
  if (word.length <= 2 || !lowercaseAscii.test(word)) return word;
  let result = step1a(word);
  result = step1b(result);
  result = step1c(result);
  result = applyRules(result, step2Rules, 0);
  result = applyRules(result, step3Rules, 0);
  result = step4(result);
  return step5(result);
}
