import { ValidationError } from '@weft/core';

/** The serialized form of a `BM25Index` (what `toJSON` returns and `fromJSON` reads). */
export interface BM25IndexJSON {
  format: 'weft.bm25';
  version: 1;
  options: {
    k1: number;
    b: number;
    stopWords: boolean | string[];
    stemming: boolean;
    /** `custom` when the index was built with your own tokenizer: pass it again to `fromJSON`. */
    tokenizer: 'unicode' | 'custom';
  };
  /** Document ids and lengths (in terms), by ordinal. */
  documents: { ids: string[]; lengths: number[] };
  terms: string[];
  /** For each term (same order as `terms`): ascending document ordinals and term frequencies. */
  postings: Array<[ordinals: number[], frequencies: number[]]>;
}

/** The index content in the layout the index keeps in memory. */
export interface BM25Snapshot {
  ids: string[];
  lengths: Uint32Array;
  terms: string[];
  postingOrdinals: Uint32Array[];
  postingFrequencies: Uint32Array[];
}

function fail(message: string, path: Array<string | number>): never {
  throw new ValidationError(`Not a valid BM25 index JSON: ${message}`, {
    issues: [{ path, message }],
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown, path: Array<string | number>): string[] {
  if (!Array.isArray(value)) fail('expected an array of strings', path);
  for (let index = 0; index < value.length; index++) {
    if (typeof value[index] !== 'string') fail('expected a string', [...path, index]);
  }
  return value as string[];
}

function countArray(
  value: unknown,
  path: Array<string | number>,
  check: (count: number, index: number) => boolean,
  expected: string,
): Uint32Array {
  if (!Array.isArray(value)) fail('expected an array of integers', path);
  const counts = new Uint32Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const count = value[index];
    if (typeof count !== 'number' || !Number.isInteger(count) || !check(count, index)) {
      fail(`expected ${expected}`, [...path, index]);
    }
    counts[index] = count;
  }
  return counts;
}

function parseOptions(value: unknown): BM25IndexJSON['options'] {
  if (!isRecord(value)) fail('options missing', ['options']);
  const { k1, b, stopWords, stemming, tokenizer } = value;
  if (typeof k1 !== 'number' || !Number.isFinite(k1) || k1 < 0) fail('bad k1', ['options', 'k1']);
  if (typeof b !== 'number' || !(b >= 0 && b <= 1)) fail('bad b', ['options', 'b']);
  if (typeof stemming !== 'boolean') fail('bad stemming', ['options', 'stemming']);
  if (tokenizer !== 'unicode' && tokenizer !== 'custom') {
    fail('bad tokenizer', ['options', 'tokenizer']);
  }
  const stop =
    typeof stopWords === 'boolean' ? stopWords : stringArray(stopWords, ['options', 'stopWords']);
  return { k1, b, stopWords: stop, stemming, tokenizer };
}

/** Reads and checks a serialized index: any inconsistency is a `ValidationError`. */
export function parseBM25Json(input: unknown): {
  options: BM25IndexJSON['options'];
  snapshot: BM25Snapshot;
} {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      throw new ValidationError('Not a valid BM25 index JSON: the text does not parse.', {
        cause: error,
      });
    }
  }
  if (!isRecord(json) || json.format !== 'weft.bm25') {
    fail('expected an object with format "weft.bm25" (made by BM25Index.toJSON)', ['format']);
  }
  if (json.version !== 1) fail(`unsupported version ${String(json.version)}`, ['version']);
  const options = parseOptions(json.options);
  if (!isRecord(json.documents)) fail('documents missing', ['documents']);
  const ids = stringArray(json.documents.ids, ['documents', 'ids']);
  if (new Set(ids).size !== ids.length) fail('duplicate document ids', ['documents', 'ids']);
  if (ids.some((id) => id.length === 0)) fail('empty document id', ['documents', 'ids']);
  const lengths = countArray(
    json.documents.lengths,
    ['documents', 'lengths'],
    (n) => n >= 0,
    'a length',
  );
  if (lengths.length !== ids.length) fail('one length per id expected', ['documents', 'lengths']);
  const terms = stringArray(json.terms, ['terms']);
  if (new Set(terms).size !== terms.length) fail('duplicate terms', ['terms']);
  if (!Array.isArray(json.postings) || json.postings.length !== terms.length) {
    fail('one postings entry per term expected', ['postings']);
  }
  const postingOrdinals: Uint32Array[] = [];
  const postingFrequencies: Uint32Array[] = [];
  const termTotals = new Float64Array(ids.length);
  for (let term = 0; term < terms.length; term++) {
    const entry: unknown = json.postings[term];
    const path = ['postings', term];
    if (!Array.isArray(entry) || entry.length !== 2) fail('expected [ordinals, frequencies]', path);
    let previous = -1;
    const ordinals = countArray(
      entry[0],
      [...path, 0],
      (ordinal) => {
        const ok = ordinal > previous && ordinal < ids.length;
        previous = ordinal;
        return ok;
      },
      'ascending document ordinals',
    );
    const frequencies = countArray(entry[1], [...path, 1], (n) => n > 0, 'a positive frequency');
    if (ordinals.length === 0 || ordinals.length !== frequencies.length) {
      fail('ordinals and frequencies must be non-empty and of equal length', path);
    }
    for (let index = 0; index < ordinals.length; index++) {
      const ordinal = ordinals[index] as number;
      termTotals[ordinal] = (termTotals[ordinal] as number) + (frequencies[index] as number);
    }
    postingOrdinals.push(ordinals);
    postingFrequencies.push(frequencies);
  }
  for (let ordinal = 0; ordinal < ids.length; ordinal++) {
    if (termTotals[ordinal] !== lengths[ordinal]) {
      fail('a document length differs from its term frequencies', [
        'documents',
        'lengths',
        ordinal,
      ]);
    }
  }
  return { options, snapshot: { ids, lengths, terms, postingOrdinals, postingFrequencies } };
}
