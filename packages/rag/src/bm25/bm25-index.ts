import { ValidationError } from '@weft/core';
import { type BM25IndexJSON, type BM25Snapshot, parseBM25Json } from './bm25-json.js';
import { createTextAnalyzer, type KeywordTokenizer } from './tokenizer.js';
import { TopK } from './top-k.js';

export interface BM25IndexOptions {
  /** Term-frequency saturation. Default 0.9 (Anserini's BM25 default). */
  k1?: number;
  /** Document-length normalization, 0 (none) to 1 (full). Default 0.4. */
  b?: number;
  /** Splits text into terms; default `unicodeTokenizer`. Not serialized: pass it to `fromJSON` too. */
  tokenizer?: KeywordTokenizer;
  /** `true` for `englishStopWords`, or your own list. Default none. */
  stopWords?: boolean | readonly string[];
  /** Porter stemming. Default `false`. */
  stemming?: boolean;
}

/** A document to index. `id` is how results point back to it (e.g. a chunk id). */
export interface BM25Document {
  id: string;
  text: string;
}

export interface BM25SearchOptions {
  /** How many results at most; a positive integer. Default 10. */
  topK?: number;
  /** Keeps only the documents whose id passes, e.g. `(id) => allowed.has(id)`. */
  filter?: (id: string) => boolean;
}

/** A search hit: the document id and its BM25 score (higher is better). */
export interface BM25Result {
  id: string;
  score: number;
}

function invalid(message: string, path: Array<string | number>): never {
  throw new ValidationError(message, { issues: [{ path, message }] });
}

function grow<T extends Uint32Array | Uint8Array | Float32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(
    Math.max(needed, array.length * 2, 16),
  );
  next.set(array);
  return next;
}

/**
 * A BM25 keyword index (Lucene's formula: idf = ln(1 + (N - df + 0.5) / (df + 0.5))).
 * Postings live in typed arrays per term; a search accumulates scores over document ordinals
 * and keeps the top k in a heap. Removed documents are skipped, then compacted away.
 *
 * @example
 * const index = new BM25Index({ stopWords: true, stemming: true });
 * index.add([{ id: 'a', text: 'Cats purr.' }]);
 * index.search('purring cat', { topK: 5 }); // [{ id: 'a', score: 0.29 }]
 */
export class BM25Index {
  readonly k1: number;
  readonly b: number;
  private readonly analyze: KeywordTokenizer;
  private readonly serializedOptions: BM25IndexJSON['options'];

  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  private postingOrdinals: Uint32Array[] = [];
  private postingFrequencies: Uint32Array[] = [];
  private postingLengths: number[] = [];
  /** Live documents per term. */
  private documentFrequencies: number[] = [];

  private readonly ordinalsById = new Map<string, number>();
  private ids: string[] = [];
  private lengths = new Uint32Array(0);
  private alive = new Uint8Array(0);
  /** The distinct terms of each live document, to update document frequencies on removal. */
  private documentTerms: Array<Uint32Array | undefined> = [];
  private liveCount = 0;
  private deadCount = 0;
  private totalLength = 0;

  private scores = new Float32Array(0);
  /** Per-term counts while one document is added; all zero between calls. */
  private scratch = new Uint32Array(0);
  private touched = new Uint32Array(0);

  constructor(options: BM25IndexOptions = {}) {
    const { k1 = 0.9, b = 0.4, stopWords = false, stemming = false } = options;
    if (typeof k1 !== 'number' || !Number.isFinite(k1) || k1 < 0) {
      invalid(`k1 must be a finite number >= 0, got ${String(k1)}.`, ['k1']);
    }
    if (typeof b !== 'number' || !(b >= 0 && b <= 1)) {
      invalid(`b must be a number between 0 and 1, got ${String(b)}.`, ['b']);
    }
    this.k1 = k1;
    this.b = b;
    this.analyze = createTextAnalyzer(options);
    this.serializedOptions = {
      k1,
      b,
      stopWords: typeof stopWords === 'boolean' ? stopWords : [...stopWords],
      stemming: stemming === true,
      tokenizer: options.tokenizer ? 'custom' : 'unicode',
    };
  }

  /** The number of documents in the index. */
  get size(): number {
    return this.liveCount;
  }

  /** Whether a document with this id is indexed. */
  has(id: string): boolean {
    return this.ordinalsById.has(id);
  }

  /** The terms a text is indexed (and searched) under: tokenizer, stop words, stemming. */
  tokenize(text: string): string[] {
    return this.analyze(text);
  }

  /**
   * Indexes documents; an id already present is replaced. All-or-nothing: an invalid
   * document (or a duplicate id within the batch) throws before anything changes.
   */
  add(documents: readonly BM25Document[]): void {
    if (!Array.isArray(documents)) invalid('add expects an array of { id, text }.', []);
    const seen = new Set<string>();
    const analyzed: string[][] = [];
    for (let index = 0; index < documents.length; index++) {
      const document: unknown = documents[index];
      if (typeof document !== 'object' || document === null) {
        invalid('Each document must be an object { id, text }.', [index]);
      }
      const { id, text } = document as Partial<BM25Document>;
      if (typeof id !== 'string' || id.length === 0) {
        invalid('A document id must be a non-empty string.', [index, 'id']);
      }
      if (typeof text !== 'string')
        invalid(`Document "${id}" has no text string.`, [index, 'text']);
      if (seen.has(id)) invalid(`Duplicate document id "${id}" in one add() call.`, [index, 'id']);
      seen.add(id);
      analyzed.push(this.analyze(text));
    }
    this.removeOrdinals(documents.map((document) => this.ordinalsById.get(document.id)));
    for (let index = 0; index < documents.length; index++) {
      this.append((documents[index] as BM25Document).id, analyzed[index] as string[]);
    }
    this.compactIfSparse();
  }

  /** Removes documents by id; unknown ids are ignored. Returns how many were removed. */
  remove(ids: readonly string[]): number {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
      invalid('remove expects an array of id strings.', []);
    }
    const removed = this.removeOrdinals(ids.map((id) => this.ordinalsById.get(id)));
    this.compactIfSparse();
    return removed;
  }

  /** The best-matching documents for a query, best first; ties go to the smaller id. */
  search(query: string, options: BM25SearchOptions = {}): BM25Result[] {
    if (typeof query !== 'string') invalid('The query must be a string.', ['query']);
    const { topK = 10, filter } = options;
    if (!Number.isInteger(topK) || topK < 1) {
      invalid(`topK must be a positive integer, got ${String(topK)}.`, ['topK']);
    }
    if (filter !== undefined && typeof filter !== 'function') {
      invalid('filter must be a function (id) => boolean.', ['filter']);
    }
    const queryTerms = this.countTerms(query);
    if (this.liveCount === 0 || queryTerms.size === 0) return [];
    const averageLength = this.totalLength / this.liveCount || 1;
    const lengthBase = this.k1 * (1 - this.b);
    const lengthScale = (this.k1 * this.b) / averageLength;
    const { scores, touched, alive, lengths } = this;
    let touchedCount = 0;
    for (const [term, queryFrequency] of queryTerms) {
      const termId = this.termIds.get(term);
      if (termId === undefined) continue;
      const documentFrequency = this.documentFrequencies[termId] as number;
      if (documentFrequency === 0) continue;
      const idf = Math.log(
        1 + (this.liveCount - documentFrequency + 0.5) / (documentFrequency + 0.5),
      );
      const weight = queryFrequency * idf * (this.k1 + 1);
      const ordinals = this.postingOrdinals[termId] as Uint32Array;
      const frequencies = this.postingFrequencies[termId] as Uint32Array;
      const count = this.postingLengths[termId] as number;
      for (let index = 0; index < count; index++) {
        const ordinal = ordinals[index] as number;
        if (alive[ordinal] === 0) continue;
        const frequency = frequencies[index] as number;
        const score =
          (weight * frequency) /
          (frequency + lengthBase + lengthScale * (lengths[ordinal] as number));
        // Every contribution is > 0, so a zero score means "not seen yet in this search".
        const previous = scores[ordinal] as number;
        if (previous === 0) touched[touchedCount++] = ordinal;
        scores[ordinal] = previous + score;
      }
    }
    const best = new TopK(Math.min(topK, touchedCount), this.ids);
    if (!filter) {
      for (let index = 0; index < touchedCount; index++) {
        const ordinal = touched[index] as number;
        best.push(ordinal, scores[ordinal] as number);
        scores[ordinal] = 0;
      }
    } else {
      // The shared buffers are cleared before any filter call, so that a filter that throws
      // or searches this index itself cannot leave stale scores behind.
      const candidates = touched.slice(0, touchedCount);
      const candidateScores = new Float32Array(touchedCount);
      for (let index = 0; index < touchedCount; index++) {
        const ordinal = candidates[index] as number;
        candidateScores[index] = scores[ordinal] as number;
        scores[ordinal] = 0;
      }
      for (let index = 0; index < touchedCount; index++) {
        const ordinal = candidates[index] as number;
        if (filter(this.ids[ordinal] as string))
          best.push(ordinal, candidateScores[index] as number);
      }
    }
    return best.sorted().map(({ ordinal, score }) => ({ id: this.ids[ordinal] as string, score }));
  }

  /** A plain JSON object with everything needed to rebuild the index (`BM25Index.fromJSON`). */
  toJSON(): BM25IndexJSON {
    const newOrdinals = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const lengths: number[] = [];
    for (let ordinal = 0; ordinal < this.ids.length; ordinal++) {
      if (this.alive[ordinal] === 0) continue;
      newOrdinals[ordinal] = ids.length;
      ids.push(this.ids[ordinal] as string);
      lengths.push(this.lengths[ordinal] as number);
    }
    const terms: string[] = [];
    const postings: BM25IndexJSON['postings'] = [];
    for (let termId = 0; termId < this.terms.length; termId++) {
      if (this.documentFrequencies[termId] === 0) continue;
      const ordinals: number[] = [];
      const frequencies: number[] = [];
      const source = this.postingOrdinals[termId] as Uint32Array;
      const sourceFrequencies = this.postingFrequencies[termId] as Uint32Array;
      for (let index = 0; index < (this.postingLengths[termId] as number); index++) {
        const ordinal = newOrdinals[source[index] as number] as number;
        if (ordinal < 0) continue;
        ordinals.push(ordinal);
        frequencies.push(sourceFrequencies[index] as number);
      }
      terms.push(this.terms[termId] as string);
      postings.push([ordinals, frequencies]);
    }
    const options = { ...this.serializedOptions };
    if (Array.isArray(options.stopWords)) options.stopWords = [...options.stopWords];
    return {
      format: 'weft.bm25',
      version: 1,
      options,
      documents: { ids, lengths },
      terms,
      postings,
    };
  }

  /**
   * Rebuilds an index from `toJSON()` output (the object or its JSON text). Checks it fully:
   * anything else throws a `ValidationError`. An index built with a custom tokenizer needs
   * that tokenizer again.
   */
  static fromJSON(json: unknown, options: { tokenizer?: KeywordTokenizer } = {}): BM25Index {
    const { options: saved, snapshot } = parseBM25Json(json);
    if (saved.tokenizer === 'custom' && !options.tokenizer) {
      invalid(
        'This index was built with a custom tokenizer: pass it as fromJSON(json, { tokenizer }).',
        ['tokenizer'],
      );
    }
    const index = new BM25Index({
      k1: saved.k1,
      b: saved.b,
      stopWords: saved.stopWords,
      stemming: saved.stemming,
      tokenizer: options.tokenizer,
    });
    index.load(snapshot);
    return index;
  }

  private load(snapshot: BM25Snapshot): void {
    const documentCount = snapshot.ids.length;
    this.ids = [...snapshot.ids];
    this.lengths = Uint32Array.from(snapshot.lengths);
    this.alive = new Uint8Array(documentCount).fill(1);
    this.liveCount = documentCount;
    this.totalLength = snapshot.lengths.reduce((sum, length) => sum + length, 0);
    for (let ordinal = 0; ordinal < documentCount; ordinal++) {
      this.ordinalsById.set(snapshot.ids[ordinal] as string, ordinal);
    }
    const termsPerDocument = new Uint32Array(documentCount);
    for (let termId = 0; termId < snapshot.terms.length; termId++) {
      this.termIds.set(snapshot.terms[termId] as string, termId);
      for (const ordinal of snapshot.postingOrdinals[termId] as Uint32Array) {
        termsPerDocument[ordinal] = (termsPerDocument[ordinal] as number) + 1;
      }
    }
    this.terms = [...snapshot.terms];
    this.postingOrdinals = snapshot.postingOrdinals;
    this.postingFrequencies = snapshot.postingFrequencies;
    this.postingLengths = snapshot.postingOrdinals.map((ordinals) => ordinals.length);
    this.documentFrequencies = [...this.postingLengths];
    const filled = new Uint32Array(documentCount);
    this.documentTerms = Array.from(termsPerDocument, (count) => new Uint32Array(count));
    snapshot.postingOrdinals.forEach((ordinals, termId) => {
      for (const ordinal of ordinals) {
        const position = filled[ordinal] as number;
        (this.documentTerms[ordinal] as Uint32Array)[position] = termId;
        filled[ordinal] = position + 1;
      }
    });
    this.scores = new Float32Array(documentCount);
    this.touched = new Uint32Array(documentCount);
    this.scratch = new Uint32Array(snapshot.terms.length);
  }

  /** Query term frequencies (a term asked twice weighs twice, as in Lucene). */
  private countTerms(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const term of this.analyze(text)) {
      if (term.length === 0) continue;
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    return counts;
  }

  private append(id: string, documentTerms: readonly string[]): void {
    const ordinal = this.ids.length;
    this.ids.push(id);
    this.ordinalsById.set(id, ordinal);
    this.lengths = grow(this.lengths, ordinal + 1);
    this.alive = grow(this.alive, ordinal + 1);
    this.scores = grow(this.scores, ordinal + 1);
    this.touched = grow(this.touched, ordinal + 1);
    this.alive[ordinal] = 1;
    // Count term frequencies by term id: one map lookup per token. `scratch` holds the counts
    // of this document's terms and is zeroed again below.
    const distinctIds: number[] = [];
    let length = 0;
    for (const term of documentTerms) {
      if (term.length === 0) continue;
      let termId = this.termIds.get(term);
      if (termId === undefined) termId = this.newTerm(term);
      const count = this.scratch[termId] as number;
      if (count === 0) distinctIds.push(termId);
      this.scratch[termId] = count + 1;
      length++;
    }
    const distinct = Uint32Array.from(distinctIds);
    for (const termId of distinct) {
      const count = this.postingLengths[termId] as number;
      const ordinals = grow(this.postingOrdinals[termId] as Uint32Array, count + 1);
      const frequencies = grow(this.postingFrequencies[termId] as Uint32Array, count + 1);
      ordinals[count] = ordinal;
      frequencies[count] = this.scratch[termId] as number;
      this.scratch[termId] = 0;
      this.postingOrdinals[termId] = ordinals;
      this.postingFrequencies[termId] = frequencies;
      this.postingLengths[termId] = count + 1;
      this.documentFrequencies[termId] = (this.documentFrequencies[termId] as number) + 1;
    }
    this.lengths[ordinal] = length;
    this.documentTerms[ordinal] = distinct;
    this.liveCount++;
    this.totalLength += length;
  }

  private newTerm(term: string): number {
    const termId = this.terms.length;
    this.termIds.set(term, termId);
    this.terms.push(term);
    this.postingOrdinals.push(new Uint32Array(4));
    this.postingFrequencies.push(new Uint32Array(4));
    this.postingLengths.push(0);
    this.documentFrequencies.push(0);
    this.scratch = grow(this.scratch, termId + 1);
    return termId;
  }

  private removeOrdinals(ordinals: ReadonlyArray<number | undefined>): number {
    let removed = 0;
    for (const ordinal of ordinals) {
      if (ordinal === undefined || this.alive[ordinal] === 0) continue;
      this.alive[ordinal] = 0;
      this.ordinalsById.delete(this.ids[ordinal] as string);
      for (const termId of this.documentTerms[ordinal] as Uint32Array) {
        this.documentFrequencies[termId] = (this.documentFrequencies[termId] as number) - 1;
      }
      this.documentTerms[ordinal] = undefined;
      this.totalLength -= this.lengths[ordinal] as number;
      this.liveCount--;
      this.deadCount++;
      removed++;
    }
    return removed;
  }

  /** Removed documents still take space in the postings: rebuild once they are a quarter. */
  private compactIfSparse(): void {
    if (this.deadCount < 32 || this.deadCount * 4 < this.ids.length) return;
    const { snapshot } = parseBM25Json(this.toJSON());
    this.termIds.clear();
    this.ordinalsById.clear();
    this.deadCount = 0;
    this.load(snapshot);
  }
}
