/**
 * One chunking contender in its own process (forked by `chunking.ts`), so that neither its
 * timings nor its garbage collection carry the other contender's heap. It reads the corpus
 * written by the parent, chunks it `warmup` times untimed, then `runs` timed times (wall and
 * CPU), then checks one more result.
 *
 * argv: <key> <corpusFile> <weftUrl> <runs> <warmup>
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ChunkingContenderKey, loadChunkingContender } from './chunking-contenders.js';

export interface ChunkingWorkerResult {
  key: ChunkingContenderKey;
  /** Of the text as read, to prove every process chunked the same corpus. */
  sha256: string;
  chunks: number;
  warnings: number;
  ms: number[];
  cpuMs: number[];
  check: string | undefined;
}

const [key = 'weft', corpusFile = '', weftUrl = '', runs = '7', warmup = '2'] =
  process.argv.slice(2);
const text = readFileSync(corpusFile, 'utf8');
const contender = await loadChunkingContender(key as ChunkingContenderKey, weftUrl);
let chunks = 0;
for (let round = 0; round < Number(warmup); round++) chunks = await contender.run(text);
const ms: number[] = [];
const cpuMs: number[] = [];
for (let round = 0; round < Number(runs); round++) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  chunks = await contender.run(text);
  ms.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  cpuMs.push((cpu.user + cpu.system) / 1000);
}
const result: ChunkingWorkerResult = {
  key: key as ChunkingContenderKey,
  sha256: createHash('sha256').update(text).digest('hex'),
  chunks,
  warnings: contender.warnings(),
  ms,
  cpuMs,
  check: await contender.check(text),
};
process.send?.(result);
