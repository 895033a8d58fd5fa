/**
 * Token counting throughput and time to a first count, Weft against gpt-tokenizer, tiktoken
 * (WASM) and js-tiktoken. Every contender counts the same input (bench/lib/token-corpus.ts:
 * ~2 MB of code, prose and non-Latin text, plus 20,000 short strings), in its own process;
 * counts are checked equal; throughput is the median of `--runs` rounds after `--warmup`
 * rounds, and "cold" is the first round with empty caches. The first count is timed in fresh
 * `node` processes (import + load the encoding + count one string), median of `--fresh`.
 *
 *   pnpm --filter @weft/bench exec tsx tokens.ts [--encoding o200k_base|cl100k_base|both]
 *     [--runs 7] [--warmup 2] [--fresh 7]
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchDir, writeResults } from './lib/results.js';
import { runWorker } from './lib/run-worker.js';
import { median, round, summarize } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import { contenders, type EncodingName, firstCountScript } from './lib/token-contenders.js';
import { buildTokenCorpus } from './lib/token-corpus.js';
import type { TokenWorkerResult } from './lib/token-worker.js';
import { weftTokensBuild } from './lib/weft-tokens-build.js';

const { values: args } = parseArgs({
  options: {
    encoding: { type: 'string', default: 'o200k_base' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    fresh: { type: 'string', default: '7' },
  },
});
const encodings: EncodingName[] =
  args.encoding === 'both' ? ['o200k_base', 'cl100k_base'] : [args.encoding as EncodingName];

function tokenWorker(key: string, encoding: EncodingName, corpusFile: string, weftUrl: string) {
  const entry = fileURLToPath(new URL('./lib/token-worker.ts', import.meta.url));
  const argv = [key, encoding, corpusFile, weftUrl, args.runs, args.warmup] as string[];
  return runWorker<TokenWorkerResult>(entry, argv, { label: key });
}

function firstCount(key: string, encoding: EncodingName, weftUrl: string) {
  const script = firstCountScript(key, encoding, weftUrl);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: benchDir,
    encoding: 'utf8',
    // A plain node: none of this process's loader flags (tsx).
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`${key} first count failed:\n${child.stderr}`);
  const { ms, count } = JSON.parse(child.stdout) as { ms: number; count: number };
  return { ms, wallMs, count };
}

function nodeBaselineMs(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['--input-type=module', '-e', ''], {
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return performance.now() - started;
}

async function main() {
  const log = (line: string) => console.error(line);
  const weft = await weftTokensBuild(log);
  const corpus = buildTokenCorpus();
  const textMB = Buffer.byteLength(corpus.text) / 1e6;
  const shortMB = Buffer.byteLength(corpus.shortStrings.join('')) / 1e6;
  const corpusFile = join(tmpdir(), `weft-token-corpus-${process.pid}.json`);
  writeFileSync(corpusFile, JSON.stringify(corpus));
  log(
    `Corpus: ${round(textMB, 2)} MB text + ${corpus.shortStrings.length} short strings ` +
      `(${round(shortMB, 2)} MB), sha256 ${corpus.sha256.slice(0, 12)}; Weft from ${weft.kind}.`,
  );

  const perEncoding: Record<string, unknown> = {};
  for (const encoding of encodings) {
    const rows: Array<Record<string, unknown>> = [];
    const results = new Map<string, TokenWorkerResult>();
    for (const contender of contenders) {
      log(`${encoding}: ${contender.name}...`);
      results.set(contender.key, await tokenWorker(contender.key, encoding, corpusFile, weft.url));
    }
    // Fresh processes, interleaved by round so that drift affects every contender alike.
    const fresh = new Map<string, Array<{ ms: number; wallMs: number }>>();
    const baseline: number[] = [];
    for (let roundIndex = -1; roundIndex < Number(args.fresh); roundIndex++) {
      const base = nodeBaselineMs();
      if (roundIndex >= 0) baseline.push(base);
      for (const contender of contenders) {
        const sample = firstCount(contender.key, encoding, weft.url);
        if (roundIndex < 0) continue; // warm-up round: fills the file cache
        fresh.set(contender.key, [...(fresh.get(contender.key) ?? []), sample]);
      }
    }
    const reference = results.get('tiktoken-wasm') as TokenWorkerResult;
    const weftResult = results.get('weft') as TokenWorkerResult;
    const weftMBps = textMB / (median(weftResult.textMs) / 1000);
    for (const contender of contenders) {
      const result = results.get(contender.key) as TokenWorkerResult;
      const samples = fresh.get(contender.key) ?? [];
      const textMBps = textMB / (median(result.textMs) / 1000);
      rows.push({
        key: contender.key,
        name: contender.name,
        textTokens: result.textTokens,
        shortTokens: result.shortTokens,
        countsMatchTiktoken:
          result.textTokens === reference.textTokens &&
          result.shortTokens === reference.shortTokens &&
          result.shortChecksum === reference.shortChecksum,
        textMBps: round(textMBps, 2),
        coldTextMBps: round(textMB / (result.coldTextMs / 1000), 2),
        shortStringsPerSecond: Math.round(
          corpus.shortStrings.length / (median(result.shortMs) / 1000),
        ),
        coldShortMs: round(result.coldShortMs, 1),
        weftSpeedup: round(weftMBps / textMBps, 2),
        textMs: summarize(result.textMs.map((ms) => round(ms, 1))),
        shortMs: summarize(result.shortMs.map((ms) => round(ms, 1))),
        firstCountMs: round(median(samples.map((s) => s.ms)), 1),
        firstCountWallMs: round(median(samples.map((s) => s.wallMs)), 1),
      });
    }
    const table = formatTable(
      ['contender', 'MB/s', 'cold MB/s', 'short/s', 'Weft x', 'first ms', 'wall ms', 'same'],
      rows.map((row) => [
        String(row.name),
        String(row.textMBps),
        String(row.coldTextMBps),
        String(row.shortStringsPerSecond),
        String(row.weftSpeedup),
        String(row.firstCountMs),
        String(row.firstCountWallMs),
        row.countsMatchTiktoken ? 'yes' : 'NO',
      ]),
    );
    console.log(
      `\n${encoding} (${round(textMB, 2)} MB text, ${corpus.shortStrings.length} short strings)\n${table}`,
    );
    console.log(`node startup alone: ${round(median(baseline), 1)} ms wall`);
    perEncoding[encoding] = { contenders: rows, nodeStartupWallMs: round(median(baseline), 1) };
  }
  const file = writeResults('tokens', {
    corpus: {
      textBytes: Buffer.byteLength(corpus.text),
      shortStrings: corpus.shortStrings.length,
      shortStringBytes: Buffer.byteLength(corpus.shortStrings.join('')),
      sha256: corpus.sha256,
    },
    weftBuild: weft.kind,
    runs: Number(args.runs),
    warmup: Number(args.warmup),
    freshProcesses: Number(args.fresh),
    encodings: perEncoding,
  });
  log(`Results written to ${file}`);
}

await main();
