import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, scifactDir } from './bm25-scifact-data.js';
import { repoDir } from './results.js';

/**
 * The chunking benchmark's input, the same for every contender: the project's docs/*.md and
 * TypeScript's lib/*.d.ts (pinned by the lockfile), in name order, repeated until ~8 MB.
 */
export function buildChunkingCorpus(targetBytes = 8 * 1024 * 1024): {
  text: string;
  sha256: string;
} {
  const read = (dir: string, suffix: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith(suffix))
          .sort()
          .map((name) => readFileSync(join(dir, name), 'utf8'))
      : [];
  const sources = [
    ...read(join(repoDir, 'docs'), '.md'),
    ...read(join(repoDir, 'node_modules', 'typescript', 'lib'), '.d.ts'),
  ];
  const parts: string[] = [];
  let bytes = 0;
  for (let index = 0; bytes < targetBytes; index++) {
    const source = sources[index % sources.length] as string;
    parts.push(source);
    bytes += Buffer.byteLength(source);
  }
  const text = parts.join('\n\n');
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}

/**
 * A second input, prose: SciFact's abstracts (title, blank line, abstract; documents
 * separated by a blank line), read from ../shared/data at run time, in file order until
 * ~8 MB. Long paragraphs of sentences, where splitters fall back to words far more often than
 * in the line-rich default corpus.
 */
export function buildProseCorpus(targetBytes = 8 * 1024 * 1024): { text: string; sha256: string } {
  if (!existsSync(join(scifactDir, 'corpus.jsonl'))) {
    throw new Error(`The prose corpus needs SciFact at ${scifactDir} (../shared/data/scifact).`);
  }
  const parts: string[] = [];
  let bytes = 0;
  for (const document of loadCorpus()) {
    if (bytes >= targetBytes) break;
    const part = `${document.title}\n\n${document.text}`;
    parts.push(part);
    bytes += Buffer.byteLength(part);
  }
  const text = parts.join('\n\n');
  return { text, sha256: createHash('sha256').update(text).digest('hex') };
}
