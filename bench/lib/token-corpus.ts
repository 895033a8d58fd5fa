import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoDir } from './results.js';

/**
 * The tokenizer benchmark's input, the same for every contender: ~2 MB of mixed prose and
 * code, and 20,000 short strings. Built deterministically from files pinned by the lockfile
 * (TypeScript's lib .d.ts files, its localized diagnostic messages, the README files of
 * installed packages), so the corpus does not drift as the project's own sources change.
 */
export interface TokenCorpus {
  /** ~2 MB of text: code, English prose, and some non-Latin scripts. */
  text: string;
  /** 20,000 short strings (lines of the sources, 8 to 200 characters). */
  shortStrings: string[];
  /** sha256 of the text and the short strings, so results can name their input. */
  sha256: string;
}

const targetBytes = 2 * 1024 * 1024;
const shortStringCount = 20_000;
const blockChars = 8 * 1024;

function readSorted(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(keep)
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

function codeSources(): string[] {
  const lib = join(repoDir, 'node_modules', 'typescript', 'lib');
  return readSorted(lib, (name) => name.endsWith('.d.ts'));
}

function proseSources(): string[] {
  // Each installed package's README, once per distinct content (pnpm links copies).
  const store = join(repoDir, 'node_modules', '.pnpm');
  const seen = new Set<string>();
  const texts: string[] = [];
  for (const entry of readdirSync(store).sort()) {
    const modules = join(store, entry, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const pkg of readdirSync(modules).sort()) {
      const readme = join(modules, pkg, 'README.md');
      if (!existsSync(readme)) continue;
      const text = readFileSync(readme, 'utf8');
      const hash = createHash('sha256').update(text).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      texts.push(text);
    }
  }
  return texts;
}

function scriptSources(): string[] {
  // Translated compiler messages: Japanese, Russian, Chinese, Korean, German prose.
  const lib = join(repoDir, 'node_modules', 'typescript', 'lib');
  return ['ja', 'ru', 'zh-cn', 'ko', 'de'].map((locale) => {
    const file = join(lib, locale, 'diagnosticMessages.generated.json');
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    return Object.values(messages).join('\n');
  });
}

function* blocks(texts: readonly string[]): Generator<string> {
  for (const text of texts) {
    for (let start = 0; start < text.length; start += blockChars) {
      yield text.slice(start, start + blockChars);
    }
  }
}

// Special-token text (`<|endoftext|>`) makes js-tiktoken and gpt-tokenizer throw by default;
// the sources hardly contain any, and the benchmark is about ordinary text.
function withoutSpecialTokens(text: string): string {
  return text.replaceAll('<|', '< |');
}

/** Builds the corpus: blocks of code, prose and scripts interleaved 5:4:1 up to ~2 MB. */
export function buildTokenCorpus(): TokenCorpus {
  const streams = [blocks(codeSources()), blocks(proseSources()), blocks(scriptSources())];
  const pattern = [0, 1, 0, 1, 0, 1, 0, 1, 0, 2];
  const parts: string[] = [];
  const exhausted = new Set<number>();
  let bytes = 0;
  for (let turn = 0; bytes < targetBytes && exhausted.size < streams.length; turn++) {
    const streamIndex = pattern[turn % pattern.length] as number;
    const next = streams[streamIndex]?.next();
    if (!next || next.done) {
      exhausted.add(streamIndex);
      continue;
    }
    const block = withoutSpecialTokens(next.value);
    parts.push(block);
    bytes += Buffer.byteLength(block);
  }
  const text = parts.join('\n');

  const lines = text.split('\n').map((line) => line.trim());
  const candidates = lines.filter((line) => line.length >= 8 && line.length <= 200);
  const shortStrings: string[] = [];
  // A fixed stride through the candidate lines, wrapping around, spreads the picks over
  // every kind of source.
  const stride = Math.max(1, Math.floor(candidates.length / shortStringCount));
  for (let index = 0; shortStrings.length < shortStringCount; index += stride) {
    shortStrings.push(candidates[index % candidates.length] as string);
  }
  const sha256 = createHash('sha256').update(text).update(shortStrings.join('\n')).digest('hex');
  return { text, shortStrings, sha256 };
}
