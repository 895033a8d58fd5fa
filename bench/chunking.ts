/**
 * Character chunking throughput: Weft's `recursiveChunker` against LangChain's
 * `RecursiveCharacterTextSplitter`, both at chunkSize 1,000 and chunkOverlap 200 with the
 * same separators, on the same ~8 MB of Markdown and TypeScript declarations
 * (bench/lib/chunking-corpus.ts). MB/s is the median of `--runs` rounds after `--warmup`,
 * contenders interleaved per round. Checked: Weft's offsets are exact and cover the text;
 * LangChain's chunks are found in the text in order (they carry no offsets); chunk counts
 * are compared. CPU time (user + system, this process) is reported beside wall time, since
 * the machine is shared and wall time swings with other work.
 *
 *   pnpm --filter @weft/bench exec tsx chunking.ts [--runs 7] [--warmup 2]
 */
import { parseArgs } from 'node:util';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { buildChunkingCorpus } from './lib/chunking-corpus.js';
import { writeResults } from './lib/results.js';
import { median, round, summarize } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import { weftChunkersBuild } from './lib/weft-rag-build.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, warmup: { type: 'string', default: '2' } },
});
const chunkSize = 1000;
const chunkOverlap = 200;

interface WeftChunk {
  text: string;
  start: number;
  end: number;
}

function checkWeft(text: string, chunks: readonly WeftChunk[]): string | undefined {
  let covered = 0;
  for (const [index, chunk] of chunks.entries()) {
    if (text.slice(chunk.start, chunk.end) !== chunk.text) return `chunk ${index}: offsets wrong`;
    if (chunk.text.length > chunkSize) return `chunk ${index}: ${chunk.text.length} > ${chunkSize}`;
    if (text.slice(covered, chunk.start).trim() !== '') return `text before chunk ${index} lost`;
    covered = Math.max(covered, chunk.end);
  }
  return text.slice(covered).trim() === '' ? undefined : 'text after the last chunk lost';
}

function checkLangChain(text: string, chunks: readonly string[]): string | undefined {
  let previousStart = -1;
  let covered = 0;
  for (const [index, chunk] of chunks.entries()) {
    const start = text.indexOf(chunk, previousStart + 1);
    if (start === -1) return `chunk ${index} not found in order`;
    if (text.slice(covered, start).trim() !== '') return `text before chunk ${index} lost`;
    previousStart = start;
    covered = Math.max(covered, start + chunk.length);
  }
  return text.slice(covered).trim() === '' ? undefined : 'text after the last chunk lost';
}

async function main() {
  const log = (line: string) => console.error(line);
  const { text, sha256 } = buildChunkingCorpus();
  const megabytes = Buffer.byteLength(text) / 1e6;
  log(`Corpus: ${round(megabytes, 2)} MB, sha256 ${sha256.slice(0, 12)}`);
  const weft = (await import(
    await weftChunkersBuild()
  )) as typeof import('../packages/rag/src/chunkers/index.js');
  const weftChunker = weft.recursiveChunker({ chunkSize, chunkOverlap });
  const langchain = new RecursiveCharacterTextSplitter({
    chunkSize,
    chunkOverlap,
    separators: ['\n\n', '\n', ' ', ''],
  });
  const contenders = {
    weft: async () => weftChunker.chunk(text),
    langchain: async () => langchain.splitText(text),
  };
  const timings: Record<keyof typeof contenders, number[]> = { weft: [], langchain: [] };
  const cpuTimings: Record<keyof typeof contenders, number[]> = { weft: [], langchain: [] };
  const counts: Record<string, number> = {};
  for (let pass = 0; pass < Number(args.warmup) + Number(args.runs); pass++) {
    for (const [name, run] of Object.entries(contenders) as Array<
      [keyof typeof contenders, () => Promise<unknown[]>]
    >) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      const chunks = await run();
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      counts[name] = chunks.length;
      if (pass >= Number(args.warmup)) {
        timings[name].push(ms);
        cpuTimings[name].push((cpu.user + cpu.system) / 1000);
      }
    }
    log(
      `round ${pass + 1}: weft ${round(timings.weft.at(-1) ?? 0)} ms, langchain ${round(timings.langchain.at(-1) ?? 0)} ms`,
    );
  }
  const weftProblem = checkWeft(text, weftChunker.chunk(text));
  const langchainProblem = checkLangChain(text, await langchain.splitText(text));
  const rows = (Object.keys(contenders) as Array<keyof typeof contenders>).map((name) => ({
    name,
    chunks: counts[name],
    mbPerSecond: round(megabytes / (median(timings[name]) / 1000), 2),
    ms: summarize(timings[name].map((ms) => round(ms, 1))),
    cpuMs: round(median(cpuTimings[name]), 1),
    cpuMbPerSecond: round(megabytes / (median(cpuTimings[name]) / 1000), 2),
    check: (name === 'weft' ? weftProblem : langchainProblem) ?? 'ok',
  }));
  const [weftRow, langchainRow] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const speedup = round(weftRow.mbPerSecond / langchainRow.mbPerSecond, 1);
  const cpuSpeedup = round(weftRow.cpuMbPerSecond / langchainRow.cpuMbPerSecond, 1);
  console.log(
    `\nrecursive chunking, ${round(megabytes, 2)} MB, chunkSize ${chunkSize}, overlap ${chunkOverlap}\n${formatTable(
      ['contender', 'MB/s', 'median ms', 'CPU MB/s', 'median CPU ms', 'chunks', 'check'],
      rows.map((row) => [
        row.name,
        String(row.mbPerSecond),
        String(row.ms.median),
        String(row.cpuMbPerSecond),
        String(row.cpuMs),
        String(row.chunks),
        row.check,
      ]),
    )}\nWeft / LangChain: ${speedup}x wall, ${cpuSpeedup}x CPU (goal >= 10x)`,
  );
  const file = writeResults('chunking', {
    corpus: { bytes: Buffer.byteLength(text), sha256 },
    chunkSize,
    chunkOverlap,
    runs: Number(args.runs),
    warmup: Number(args.warmup),
    contenders: rows,
    weftOverLangChain: speedup,
    weftOverLangChainCpu: cpuSpeedup,
    weftWarnings: weftChunker.warnings.length,
  });
  log(`Results written to ${file}`);
}

await main();
