/**
 * One tokenizer contender in its own process (forked by `tokens.ts`), so that no contender's
 * heap or JIT state affects another. It counts the corpus once cold (empty caches), then
 * `warmup` times untimed, then `runs` timed rounds, and reports the counts for checking.
 *
 * argv: <key> <encoding> <corpusFile> <weftUrl> <runs> <warmup>
 */
import { readFileSync } from 'node:fs';
import { type EncodingName, loadCounter } from './token-contenders.js';

export interface TokenWorkerResult {
  key: string;
  textTokens: number;
  shortTokens: number;
  /** A position-weighted checksum of the per-string counts, to compare string by string. */
  shortChecksum: number;
  coldTextMs: number;
  coldShortMs: number;
  textMs: number[];
  shortMs: number[];
}

const [key = '', encoding = 'o200k_base', corpusFile = '', weftUrl = '', runs = '7', warmup = '2'] =
  process.argv.slice(2);
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as {
  text: string;
  shortStrings: string[];
};
const counter = await loadCounter(key, encoding as EncodingName, weftUrl);

function timeText(): { ms: number; tokens: number } {
  const started = performance.now();
  const tokens = counter.count(corpus.text);
  return { ms: performance.now() - started, tokens };
}

function timeShort(): { ms: number; tokens: number; checksum: number } {
  let tokens = 0;
  let checksum = 0;
  const started = performance.now();
  for (let index = 0; index < corpus.shortStrings.length; index++) {
    const count = counter.count(corpus.shortStrings[index] as string);
    tokens += count;
    checksum = (checksum + count * (index + 1)) % 2_147_483_647;
  }
  return { ms: performance.now() - started, tokens, checksum };
}

// The short strings first while the caches are empty, then the text: both "cold" numbers
// are first contact with their input.
const coldShort = timeShort();
const coldText = timeText();
for (let round = 0; round < Number(warmup); round++) {
  timeText();
  timeShort();
}
const textMs: number[] = [];
const shortMs: number[] = [];
for (let round = 0; round < Number(runs); round++) {
  textMs.push(timeText().ms);
  shortMs.push(timeShort().ms);
}
const result: TokenWorkerResult = {
  key,
  textTokens: coldText.tokens,
  shortTokens: coldShort.tokens,
  shortChecksum: coldShort.checksum,
  coldTextMs: coldText.ms,
  coldShortMs: coldShort.ms,
  textMs,
  shortMs,
};
process.send?.(result);
