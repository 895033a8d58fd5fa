/**
 * Indexes a folder of Markdown and text files for retrieval: each file is chunked by its
 * headings, the chunks are embedded and stored in an on-disk vector store beside a BM25
 * keyword index. Run it again and only what changed is embedded; chunks of deleted files
 * are removed. A progress bar goes to stderr.
 *
 *   pnpm --filter @weft/examples rag-index [folder] [--out <folder>] [--chunk-size 1000]
 *
 * Needs an embedding model: OPENAI_API_KEY, or WEFT_BASE_URL + WEFT_EMBEDDING_MODEL for an
 * OpenAI-compatible server (e.g. Ollama). The index goes to --out (default: a folder in the
 * system's temp dir named after the indexed folder): store.weft (vectors), bm25.json
 * (keyword index) and state.json (what was indexed, for the next run).
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { markdownChunker } from '@weft/rag';
import { loadDirectory } from '@weft/rag/node';
import { pickEmbeddingModel } from '../embeddings/pick-embedding-model.js';
import { ingestToDisk } from '../shared/disk-index.js';
import { progressBar } from '../shared/progress-bar.js';
import { reportError } from '../shared/report-error.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string' },
    'chunk-size': { type: 'string', default: '1000' },
  },
});
const folder = resolve(positionals[0] ?? fileURLToPath(new URL('../../docs', import.meta.url)));
const outDir =
  values.out ??
  join(
    tmpdir(),
    `weft-rag-index-${createHash('sha256').update(folder).digest('hex').slice(0, 12)}`,
  );
const chunkSize = Number(values['chunk-size']);

try {
  if (!Number.isInteger(chunkSize) || chunkSize < 100) {
    throw new Error('--chunk-size must be an integer of at least 100 (characters).');
  }
  const model = await pickEmbeddingModel();
  const { documents, skipped } = await loadDirectory(folder, { include: ['**/*.md', '**/*.txt'] });
  if (documents.length === 0) throw new Error(`No .md or .txt files found in ${folder}.`);
  const { result } = await ingestToDisk({
    dir: outDir,
    documents,
    chunker: markdownChunker({ chunkSize, chunkOverlap: Math.floor(chunkSize / 10) }),
    embeddingModel: model,
    onProgress: progressBar(),
  });

  const { documents: files } = result;
  console.log(
    `Indexed ${documents.length} files from ${folder}${skipped.length ? ` (${skipped.length} skipped)` : ''}: ` +
      `${files.added} new, ${files.changed} changed, ${files.unchanged} unchanged, ${files.removed} removed.`,
  );
  console.log(
    `Chunks: ${result.chunks} (${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.deleted} deleted). ` +
      `Embedded ${result.embeddedTexts} texts${result.usage.inputTokens !== undefined ? ` (${result.usage.inputTokens} tokens)` : ''}.`,
  );
  console.log(`Index: ${outDir} (store.weft, bm25.json, state.json)`);
} catch (error) {
  reportError(error);
}
