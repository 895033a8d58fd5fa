/**
 * One BM25 contender in its own process (forked by `bm25-scifact.ts`), so that no
 * contender's heap or JIT state affects another. It builds the index over SciFact (title +
 * text) once untimed, then `runs` timed times; runs the test queries once untimed, then
 * `runs` timed rounds, one query at a time; and reports the top-10 hits of every query.
 *
 * argv: <key> <weftUrl> <weftOptionsJson> <runs>
 */
import MiniSearch from 'minisearch';
import { type Hit, loadCorpus, loadQrels, loadQueries, splitQueries } from './bm25-scifact-data.js';

export interface Bm25WorkerResult {
  key: string;
  buildMs: number[];
  /** Milliseconds for one pass over all test queries. */
  searchMs: number[];
  testQueries: number;
  /** Top-10 hits per query id, train and test. */
  hits: Record<string, Hit[]>;
  /** Weft only: the serialized index and the same hits after a JSON round trip. */
  json?: { bytes: number; serializeMs: number; loadMs: number; sameHits: boolean };
}

interface Searcher {
  build(): void;
  search(query: string): Hit[];
}

interface WeftModule {
  BM25Index: {
    new (options: Record<string, unknown>): WeftIndex;
    fromJSON(json: unknown): WeftIndex;
  };
  createTextAnalyzer(options: Record<string, unknown>): (text: string) => string[];
}
interface WeftIndex {
  add(documents: Array<{ id: string; text: string }>): void;
  search(query: string, options: { topK: number }): Hit[];
  toJSON(): unknown;
}

const [key = '', weftUrl = '', optionsJson = '{}', runs = '5'] = process.argv.slice(2);
const weftOptions = JSON.parse(optionsJson) as Record<string, unknown>;
const weft = (await import(weftUrl)) as WeftModule;
const corpus = loadCorpus();
const queries = loadQueries();
const testQueries = splitQueries(queries, loadQrels('test'));
const trainQueries = splitQueries(queries, loadQrels('train'));

function weftSearcher(): Searcher & { index(): WeftIndex } {
  let index: WeftIndex | undefined;
  return {
    build() {
      index = new weft.BM25Index(weftOptions);
      index.add(corpus.map((doc) => ({ id: doc.id, text: `${doc.title} ${doc.text}` })));
    },
    search: (query) => (index as WeftIndex).search(query, { topK: 10 }),
    index: () => index as WeftIndex,
  };
}

function miniSearcher(analysis: 'default' | 'weft'): Searcher {
  // Weft's analysis (tokenizer, stop words, stemming) done by minisearch's own hooks.
  const analyze = weft.createTextAnalyzer(weftOptions);
  const options =
    analysis === 'weft'
      ? { tokenize: analyze, processTerm: (term: string) => term }
      : ({} as Record<string, never>);
  let index: MiniSearch | undefined;
  return {
    build() {
      index = new MiniSearch({ fields: ['title', 'text'], ...options });
      index.addAll(corpus);
    },
    search(query) {
      const results = (index as MiniSearch).search(query);
      return results.slice(0, 10).map((result) => ({ id: String(result.id), score: result.score }));
    },
  };
}

const searcher =
  key === 'weft'
    ? weftSearcher()
    : key === 'minisearch'
      ? miniSearcher('default')
      : key === 'minisearch-weft-analysis'
        ? miniSearcher('weft')
        : undefined;
if (!searcher) throw new Error(`unknown contender ${key}`);

const buildMs: number[] = [];
searcher.build();
for (let round = 0; round < Number(runs); round++) {
  const started = performance.now();
  searcher.build();
  buildMs.push(performance.now() - started);
}

const searchAll = () => testQueries.map((query) => searcher.search(query.text));
searchAll();
const searchMs: number[] = [];
for (let round = 0; round < Number(runs); round++) {
  const started = performance.now();
  searchAll();
  searchMs.push(performance.now() - started);
}

const hits: Record<string, Hit[]> = {};
for (const query of [...testQueries, ...trainQueries]) hits[query.id] = searcher.search(query.text);

let json: Bm25WorkerResult['json'];
if (key === 'weft') {
  const index = (searcher as ReturnType<typeof weftSearcher>).index();
  let started = performance.now();
  const text = JSON.stringify(index.toJSON());
  const serializeMs = performance.now() - started;
  started = performance.now();
  const loaded = weft.BM25Index.fromJSON(JSON.parse(text));
  const loadMs = performance.now() - started;
  const sameHits = [...testQueries, ...trainQueries].every(
    (query) =>
      JSON.stringify(loaded.search(query.text, { topK: 10 })) === JSON.stringify(hits[query.id]),
  );
  json = { bytes: Buffer.byteLength(text), serializeMs, loadMs, sameHits };
}

const result: Bm25WorkerResult = {
  key,
  buildMs,
  searchMs,
  testQueries: testQueries.length,
  hits,
  ...(json ? { json } : {}),
};
process.send?.(result);
