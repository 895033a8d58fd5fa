/**
 * Character chunking throughput: Weft's `recursiveChunker` against LangChain's
 * `RecursiveCharacterTextSplitter`, both at chunkSize 1,000 and chunkOverlap 200 with the
 * same separators, on the same ~10 MB of Markdown and TypeScript declarations
 * (bench/lib/chunking-corpus.ts).
 *
 * Headline numbers come from isolated processes (bench/lib/chunking-worker.ts, compiled and
 * run by plain `node`): each contender runs in `--processes` fresh processes, alternating which goes first, each doing
 * `--warmup` untimed and `--runs` timed passes; MB/s is the median over all timed passes, and
 * CPU time (user + system of that process) is reported beside wall time since the machine is
 * shared. So neither contender pays for the other's garbage collection. The old
 * measurement, both in this (tsx) process and interleaved, is kept as a labelled second line
 * (`--in-process 0` skips it). Checked: Weft's offsets are exact and cover the text;
 * LangChain's chunks are found in the text in order (they carry no offsets); chunk counts
 * are compared and must agree between processes.
 *
 *   pnpm --filter @weft/bench exec tsx chunking.ts [--processes 5] [--runs 7] [--warmup 3]
 *     [--in-process 5] [--corpus code|prose]
 *
 * `--corpus prose` chunks SciFact's abstracts instead (bench/lib/chunking-corpus.ts), results
 * in chunking-prose.json; the goal is judged on the default corpus, the harder case for the
 * ratio (LangChain is fastest on short lines).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ChunkingContenderKey,
  chunkingContenders,
  chunkingSettings,
  loadChunkingContender,
} from './lib/chunking-contenders.js';
import { buildChunkingCorpus, buildProseCorpus } from './lib/chunking-corpus.js';
import type { ChunkingWorkerResult } from './lib/chunking-worker.js';
import { chunkingWorkerBuild } from './lib/chunking-worker-build.js';
import { writeResults } from './lib/results.js';
import { runWorker } from './lib/run-worker.js';
import { median, round, summarize } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import { weftChunkersBuild } from './lib/weft-rag-build.js';

const { values: args } = parseArgs({
  options: {
    processes: { type: 'string', default: '5' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '3' },
    'in-process': { type: 'string', default: '5' },
    corpus: { type: 'string', default: 'code' },
  },
});
if (args.corpus !== 'code' && args.corpus !== 'prose') {
  throw new Error(`--corpus must be code or prose, not ${args.corpus}`);
}
const log = (line: string) => console.error(line);

function chunkingWorker(
  entry: string,
  key: ChunkingContenderKey,
  corpusFile: string,
  weftUrl: string,
) {
  // A plain node: none of this process's loader flags (tsx).
  return runWorker<ChunkingWorkerResult>(
    entry,
    [key, corpusFile, weftUrl, args.runs, args.warmup],
    {
      label: key,
      execArgv: [],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
}

/** The previous method: both contenders in this process, interleaved per round. */
async function sameProcess(text: string, weftUrl: string, rounds: number) {
  const loaded = await Promise.all(
    chunkingContenders.map(async ({ key }) => ({
      key,
      contender: await loadChunkingContender(key, weftUrl),
    })),
  );
  const ms = new Map<ChunkingContenderKey, number[]>();
  const cpuMs = new Map<ChunkingContenderKey, number[]>();
  const warmup = 2;
  for (let pass = 0; pass < warmup + rounds; pass++) {
    for (const { key, contender } of loaded) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      await contender.run(text);
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      if (pass < warmup) continue;
      ms.set(key, [...(ms.get(key) ?? []), elapsed]);
      cpuMs.set(key, [...(cpuMs.get(key) ?? []), (cpu.user + cpu.system) / 1000]);
    }
  }
  return { ms, cpuMs };
}

async function main() {
  const { chunkSize, chunkOverlap } = chunkingSettings;
  const { text, sha256 } = args.corpus === 'prose' ? buildProseCorpus() : buildChunkingCorpus();
  const megabytes = Buffer.byteLength(text) / 1e6;
  log(`Corpus: ${round(megabytes, 2)} MB, sha256 ${sha256.slice(0, 12)}`);
  const weftUrl = await weftChunkersBuild();
  const workerEntry = await chunkingWorkerBuild();
  const corpusFile = join(tmpdir(), `weft-chunking-corpus-${process.pid}.txt`);
  writeFileSync(corpusFile, text);

  const results = new Map<ChunkingContenderKey, ChunkingWorkerResult[]>();
  const processes = Number(args.processes);
  try {
    for (let processRound = 0; processRound < processes; processRound++) {
      // Alternate the order, so drift on the shared machine falls on both alike.
      const order = processRound % 2 === 0 ? chunkingContenders : [...chunkingContenders].reverse();
      for (const { key } of order) {
        const result = await chunkingWorker(workerEntry, key, corpusFile, weftUrl);
        if (result.sha256 !== sha256) throw new Error(`${key} worker read a different corpus`);
        results.set(key, [...(results.get(key) ?? []), result]);
      }
      log(
        `process round ${processRound + 1}/${processes}: ${chunkingContenders
          .map(({ key }) => `${key} ${round(median(results.get(key)?.at(-1)?.ms ?? [0]), 1)} ms`)
          .join(', ')}`,
      );
    }
  } finally {
    rmSync(corpusFile, { force: true });
  }

  const rows = chunkingContenders.map(({ key, name }) => {
    const runs = results.get(key) ?? [];
    const ms = runs.flatMap((run) => run.ms);
    const cpuMs = runs.flatMap((run) => run.cpuMs);
    const counts = new Set(runs.map((run) => run.chunks));
    const problems = runs.map((run) => run.check).filter((check) => check !== undefined);
    return {
      key,
      name,
      chunks: runs[0]?.chunks ?? 0,
      warnings: runs[0]?.warnings ?? 0,
      mbPerSecond: round(megabytes / (median(ms) / 1000), 1),
      cpuMbPerSecond: round(megabytes / (median(cpuMs) / 1000), 1),
      ms: summarize(ms.map((value) => round(value, 2))),
      cpuMs: summarize(cpuMs.map((value) => round(value, 2))),
      processMedianMs: runs.map((run) => round(median(run.ms), 2)),
      check: counts.size > 1 ? `chunk counts differ between processes` : (problems[0] ?? 'ok'),
    };
  });
  const [weftRow, langchainRow] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const wallRatio = round(weftRow.mbPerSecond / langchainRow.mbPerSecond, 2);
  const cpuRatio = round(weftRow.cpuMbPerSecond / langchainRow.cpuMbPerSecond, 2);
  console.log(
    `\nrecursive chunking, ${args.corpus} corpus, ${round(megabytes, 2)} MB, chunkSize ${chunkSize}, overlap ${chunkOverlap}` +
      `\nisolated processes: ${processes} per contender x ${args.runs} runs (after ${args.warmup} warm-up)\n${formatTable(
        [
          'contender',
          'MB/s',
          'median ms',
          'q1-q3 ms',
          'CPU MB/s',
          'median CPU ms',
          'chunks',
          'check',
        ],
        rows.map((row) => [
          row.key,
          String(row.mbPerSecond),
          String(row.ms.median),
          `${round(row.ms.q1, 1)}-${round(row.ms.q3, 1)}`,
          String(row.cpuMbPerSecond),
          String(row.cpuMs.median),
          String(row.chunks),
          row.check,
        ]),
      )}\nWeft / LangChain: ${wallRatio}x wall, ${cpuRatio}x CPU (goal >= 10x)`,
  );

  let inProcess: Record<string, unknown> | undefined;
  const inProcessRounds = Number(args['in-process']);
  if (inProcessRounds > 0) {
    const { ms, cpuMs } = await sameProcess(text, weftUrl, inProcessRounds);
    const speed = (samples: number[] | undefined) =>
      round(megabytes / (median(samples ?? [Number.NaN]) / 1000), 1);
    const weft = { mbPerSecond: speed(ms.get('weft')), cpuMbPerSecond: speed(cpuMs.get('weft')) };
    const langchain = {
      mbPerSecond: speed(ms.get('langchain')),
      cpuMbPerSecond: speed(cpuMs.get('langchain')),
    };
    inProcess = {
      rounds: inProcessRounds,
      weft,
      langchain,
      weftOverLangChain: round(weft.mbPerSecond / langchain.mbPerSecond, 2),
      weftOverLangChainCpu: round(weft.cpuMbPerSecond / langchain.cpuMbPerSecond, 2),
    };
    console.log(
      `same process (old method, each pays for the other's garbage), ${inProcessRounds} rounds: ` +
        `weft ${weft.mbPerSecond} MB/s, langchain ${langchain.mbPerSecond} MB/s, ` +
        `${inProcess.weftOverLangChain}x wall, ${inProcess.weftOverLangChainCpu}x CPU`,
    );
  }

  const file = writeResults(args.corpus === 'prose' ? 'chunking-prose' : 'chunking', {
    corpus: { name: args.corpus, bytes: Buffer.byteLength(text), sha256 },
    chunkSize,
    chunkOverlap,
    method: 'isolated processes',
    processes,
    runs: Number(args.runs),
    warmup: Number(args.warmup),
    contenders: rows,
    weftOverLangChain: wallRatio,
    weftOverLangChainCpu: cpuRatio,
    weftWarnings: weftRow.warnings,
    sameProcess: inProcess,
  });
  log(`Results written to ${file}`);
}

await main();
