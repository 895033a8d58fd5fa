/**
 * BM25 on SciFact (BEIR format, ../shared/data/scifact): retrieval quality (nDCG@10, trec_eval
 * definition) and speed (index build, queries per second), Weft's `BM25Index` against
 * minisearch 7.2 (its default BM25+ search over the title and text fields; once with its own
 * tokenizer and once with Weft's analysis through its hooks).
 *
 * Weft's settings (k1, b, stop words, stemming) are chosen on the TRAIN queries only; the
 * TEST numbers are reported with those settings. Each contender then runs in its own process:
 * a warm-up build and `--runs` timed builds; a warm-up pass over the test queries and `--runs`
 * timed passes, one query at a time, top 10. Medians are reported.
 *
 *   pnpm --filter @weft/bench exec tsx bm25-scifact.ts [--runs 5] [--no-tune]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type Hit,
  loadCorpus,
  loadQrels,
  loadQueries,
  meanNdcg,
  type Qrels,
  splitQueries,
} from './lib/bm25-scifact-data.js';
import { weftBm25Build } from './lib/bm25-weft-build.js';
import type { Bm25WorkerResult } from './lib/bm25-worker.js';
import { writeResults } from './lib/results.js';
import { runWorker } from './lib/run-worker.js';
import { median, round, summarize } from './lib/stats.js';
import { formatTable } from './lib/table.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'no-tune': { type: 'boolean' } },
});
const log = (line: string) => console.error(line);

interface WeftSettings {
  k1: number;
  b: number;
  stopWords: boolean;
  stemming: boolean;
}

interface BM25Like {
  search(query: string, options: { topK: number }): Hit[];
  toJSON(): { options: Record<string, unknown> };
}
interface WeftModule {
  BM25Index: { new (options: Record<string, unknown>): BM25Like & { add(d: unknown[]): void } } & {
    fromJSON(json: unknown): BM25Like;
  };
}

const k1Grid = [0.5, 0.7, 0.9, 1.1, 1.3, 1.6];
const bGrid = [0.2, 0.3, 0.4, 0.5, 0.6, 0.75];

/** Grid search on the train queries: one index per analysis, k1 and b varied over its JSON. */
async function tune(weftUrl: string) {
  const weft = (await import(weftUrl)) as WeftModule;
  const corpus = loadCorpus();
  const queries = loadQueries();
  const qrels = loadQrels('train');
  const train = splitQueries(queries, qrels);
  const trials: Array<WeftSettings & { trainNdcg10: number }> = [];
  for (const stemming of [false, true]) {
    for (const stopWords of [false, true]) {
      const index = new weft.BM25Index({ stopWords, stemming });
      index.add(corpus.map((doc) => ({ id: doc.id, text: `${doc.title} ${doc.text}` })));
      const json = index.toJSON();
      for (const k1 of k1Grid) {
        for (const b of bGrid) {
          const variant = weft.BM25Index.fromJSON({ ...json, options: { ...json.options, k1, b } });
          const runs = new Map(train.map((q) => [q.id, variant.search(q.text, { topK: 10 })]));
          trials.push({ k1, b, stopWords, stemming, trainNdcg10: meanNdcg(runs, qrels) });
        }
      }
      log(`tuned stemming=${stemming} stopWords=${stopWords}`);
    }
  }
  trials.sort((x, y) => y.trainNdcg10 - x.trainNdcg10);
  return trials;
}

function bm25Worker(key: string, weftUrl: string, settings: WeftSettings) {
  const entry = fileURLToPath(new URL('./lib/bm25-worker.ts', import.meta.url));
  const argv = [key, weftUrl, JSON.stringify(settings), String(args.runs)];
  return runWorker<Bm25WorkerResult>(entry, argv, { label: key });
}

function ndcgOf(result: Bm25WorkerResult, qrels: Qrels): number {
  const runs = new Map(Object.entries(result.hits));
  return meanNdcg(runs, qrels);
}

async function main() {
  const weftUrl = await weftBm25Build();
  const defaults: WeftSettings = { k1: 0.9, b: 0.4, stopWords: true, stemming: true };
  let chosen = defaults;
  let trials: Awaited<ReturnType<typeof tune>> = [];
  if (!args['no-tune']) {
    trials = await tune(weftUrl);
    const { trainNdcg10: _, ...best } = trials[0] as (typeof trials)[number];
    chosen = best;
  }
  log(`Weft settings (chosen on train): ${JSON.stringify(chosen)}`);

  const testQrels = loadQrels('test');
  const trainQrels = loadQrels('train');
  const contenders = [
    { key: 'weft', name: 'Weft BM25Index' },
    { key: 'minisearch', name: 'minisearch 7.2 (defaults)' },
    { key: 'minisearch-weft-analysis', name: "minisearch 7.2 (Weft's analysis)" },
  ];
  const results = new Map<string, Bm25WorkerResult>();
  for (const contender of contenders) {
    log(`${contender.name}...`);
    results.set(contender.key, await bm25Worker(contender.key, weftUrl, chosen));
  }
  const weft = results.get('weft') as Bm25WorkerResult;
  const mini = results.get('minisearch') as Bm25WorkerResult;
  const qps = (result: Bm25WorkerResult) => result.testQueries / (median(result.searchMs) / 1000);
  const rows = contenders.map((contender) => {
    const result = results.get(contender.key) as Bm25WorkerResult;
    return {
      key: contender.key,
      name: contender.name,
      testNdcg10: round(ndcgOf(result, testQrels), 4),
      trainNdcg10: round(ndcgOf(result, trainQrels), 4),
      buildMs: round(median(result.buildMs), 1),
      queriesPerSecond: Math.round(qps(result)),
      buildSpeedupOverMinisearch: round(median(mini.buildMs) / median(result.buildMs), 2),
      qpsRatioToMinisearch: round(qps(result) / qps(mini), 1),
      build: summarize(result.buildMs.map((ms) => round(ms, 1))),
      searchPassMs: summarize(result.searchMs.map((ms) => round(ms, 2))),
    };
  });
  const table = formatTable(
    ['contender', 'nDCG@10 test', 'train', 'build ms', 'build x', 'queries/s', 'qps x'],
    rows.map((row) => [
      row.name,
      row.testNdcg10.toFixed(4),
      row.trainNdcg10.toFixed(4),
      String(row.buildMs),
      String(row.buildSpeedupOverMinisearch),
      String(row.queriesPerSecond),
      String(row.qpsRatioToMinisearch),
    ]),
  );
  const weftRow = rows[0] as (typeof rows)[number];
  const goals = {
    testNdcg10AtLeast0665: weftRow.testNdcg10 >= 0.665,
    testNdcg10AtLeast0679: weftRow.testNdcg10 >= 0.679,
    buildFasterThanMinisearch: weftRow.buildSpeedupOverMinisearch > 1,
    qpsAtLeast10xMinisearch: weftRow.qpsRatioToMinisearch >= 10,
  };
  console.log(
    `\nSciFact: ${loadCorpus().length} documents, ${weft.testQueries} test queries ` +
      `(Weft: k1=${chosen.k1} b=${chosen.b} stopWords=${chosen.stopWords} stemming=${chosen.stemming}, chosen on train)\n${table}`,
  );
  if (weft.json) {
    console.log(
      `Weft index JSON: ${round(weft.json.bytes / 1e6, 2)} MB, toJSON+stringify ` +
        `${round(weft.json.serializeMs, 1)} ms, parse+fromJSON ${round(weft.json.loadMs, 1)} ms, ` +
        `same hits after the round trip: ${weft.json.sameHits ? 'yes' : 'NO'}`,
    );
  }
  console.log(`goals: ${JSON.stringify(goals)}`);
  const file = writeResults('bm25', {
    dataset: 'BEIR SciFact (title + text)',
    metric: 'nDCG@10 (trec_eval: graded gains, ideal from qrels, queries without qrels skipped)',
    runs: Number(args.runs),
    weftSettings: chosen,
    tuning: {
      split: 'train',
      grid: { k1: k1Grid, b: bGrid, stopWords: [false, true], stemming: [false, true] },
      best: trials.slice(0, 5),
      defaultsK1_09_B_04: trials.filter((trial) => trial.k1 === 0.9 && trial.b === 0.4),
    },
    contenders: rows,
    weftJson: weft.json
      ? {
          megabytes: round(weft.json.bytes / 1e6, 2),
          serializeMs: round(weft.json.serializeMs, 1),
          loadMs: round(weft.json.loadMs, 1),
          sameHits: weft.json.sameHits,
        }
      : undefined,
    goals,
  });
  log(`Results written to ${file}`);
}

await main();
