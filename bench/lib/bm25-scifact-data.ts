/**
 * SciFact in BEIR format (../shared/data/scifact: corpus.jsonl, queries.jsonl, qrels/*.tsv)
 * and nDCG@10 as trec_eval computes it: gain = the graded relevance from the qrels (not
 * 2^rel - 1), discount log2(rank + 1), the ideal ranking from that query's qrels, queries
 * without qrels skipped, and ties in the run ordered by score then docno descending.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoDir } from './results.js';

export const scifactDir = join(repoDir, '..', 'shared', 'data', 'scifact');

export interface SciFactDocument {
  id: string;
  title: string;
  text: string;
}

export type Qrels = Map<string, Map<string, number>>;

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${file}:${index + 1} is not JSON`, { cause: error });
      }
    });
}

export function loadCorpus(dir = scifactDir): SciFactDocument[] {
  return readJsonl<{ _id: string; title?: string; text?: string }>(join(dir, 'corpus.jsonl')).map(
    (row) => ({ id: String(row._id), title: row.title ?? '', text: row.text ?? '' }),
  );
}

export function loadQueries(dir = scifactDir): Map<string, string> {
  const rows = readJsonl<{ _id: string; text: string }>(join(dir, 'queries.jsonl'));
  return new Map(rows.map((row) => [String(row._id), row.text]));
}

export function loadQrels(split: 'train' | 'test', dir = scifactDir): Qrels {
  const qrels: Qrels = new Map();
  const lines = readFileSync(join(dir, 'qrels', `${split}.tsv`), 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    const [queryId, documentId, score] = line.trim().split('\t');
    if (!queryId || !documentId || score === undefined) continue;
    const relevance = Number(score);
    if (!Number.isFinite(relevance)) throw new Error(`bad qrels line: ${line}`);
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(documentId, relevance);
    qrels.set(queryId, judged);
  }
  return qrels;
}

/** The queries of a split: those with qrels and a text, in qrels order. */
export function splitQueries(
  queries: Map<string, string>,
  qrels: Qrels,
): Array<{ id: string; text: string }> {
  return [...qrels.keys()]
    .filter((id) => queries.has(id))
    .map((id) => ({ id, text: queries.get(id) as string }));
}

export interface Hit {
  id: string;
  score: number;
}

/** nDCG@k of one ranked list (trec_eval's ndcg_cut_k). */
export function ndcgAt(hits: readonly Hit[], judged: Map<string, number>, k = 10): number {
  const ranked = [...hits].sort(
    (a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
  let dcg = 0;
  ranked.slice(0, k).forEach((hit, rank) => {
    const gain = judged.get(hit.id) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(rank + 2);
  });
  const ideal = [...judged.values()].filter((gain) => gain > 0).sort((a, b) => b - a);
  let idcg = 0;
  ideal.slice(0, k).forEach((gain, rank) => {
    idcg += gain / Math.log2(rank + 2);
  });
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Mean nDCG@k over the queries of a split (every query with qrels counts). */
export function meanNdcg(runs: ReadonlyMap<string, readonly Hit[]>, qrels: Qrels, k = 10): number {
  let sum = 0;
  let count = 0;
  for (const [queryId, judged] of qrels) {
    sum += ndcgAt(runs.get(queryId) ?? [], judged, k);
    count++;
  }
  return count === 0 ? 0 : sum / count;
}
