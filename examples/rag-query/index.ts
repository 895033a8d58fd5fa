/**
 * Asks a question about a folder of documents and prints the answer with numbered citations
 * (source file and exact character offsets). The folder is chunked and indexed with BM25 on
 * the first run; the index is saved and reused while the documents do not change.
 *
 *   pnpm --filter @weft/examples rag-query "How are chunk offsets kept exact?"
 *   pnpm --filter @weft/examples rag-query --docs ./my-notes --top-k 4 "What did we decide?"
 *
 * With no model provider configured it still runs: it prints the passages it found and says
 * how to enable generated answers. Options: --docs <folder> (default: the project's docs/),
 * --index <folder> (where the index is kept; default: a folder in the system's temp dir),
 * --top-k <n> (passages to retrieve, default 5).
 */
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { keywordRetriever, streamAnswer } from '@weft/rag';
import { loadDirectory } from '@weft/rag/node';
import { keywordIndexFor } from '../shared/keyword-index.js';
import { createModel, describeChoice, resolveProvider } from '../shared/pick-model.js';
import { printCitations, printPassages } from '../shared/print-results.js';
import { reportError } from '../shared/report-error.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    docs: { type: 'string' },
    index: { type: 'string' },
    'top-k': { type: 'string', default: '5' },
  },
});
const question = positionals.join(' ').trim() || 'How does Weft keep chunk offsets exact?';
const docsDir = resolve(values.docs ?? fileURLToPath(new URL('../../docs', import.meta.url)));
const indexDir =
  values.index ??
  join(
    tmpdir(),
    `weft-rag-query-${createHash('sha256').update(docsDir).digest('hex').slice(0, 12)}`,
  );
const topK = Number(values['top-k']);

try {
  if (!Number.isInteger(topK) || topK < 1) throw new Error('--top-k must be a positive integer.');
  const { documents, skipped } = await loadDirectory(docsDir, { include: ['**/*.md', '**/*.txt'] });
  if (documents.length === 0) throw new Error(`No .md or .txt documents found in ${docsDir}.`);
  const { index, chunks, reused } = await keywordIndexFor(documents, indexDir);
  console.error(
    `${reused ? 'Loaded the saved index' : 'Indexed'}: ${documents.length} documents, ${chunks.size} chunks` +
      `${skipped.length ? ` (${skipped.length} files skipped)` : ''}. Index: ${indexDir}`,
  );
  const retriever = keywordRetriever({ index, chunks });
  console.log(`Question: ${question}\n`);

  const provider = resolveProvider();
  if (!provider.ok) {
    printPassages(await retriever.retrieve(question, { topK }));
    console.log(
      '\nNo model provider is configured, so these are the retrieved passages, not a generated answer.' +
        '\nTo get an answer with citations, set OPENAI_API_KEY (or ANTHROPIC_API_KEY, or WEFT_BASE_URL and WEFT_MODEL for an OpenAI-compatible server) and run it again.',
    );
  } else {
    console.error(`Model: ${describeChoice(provider.choice)}`);
    const model = await createModel(provider.choice);
    const result = streamAnswer({ model, retriever, question, topK, maxContextTokens: 2000 });
    for await (const delta of result.textStream) process.stdout.write(delta);
    console.log();
    printCitations(await result.citations);
    for (const warning of await result.warnings) console.error(`Note: ${warning.message}`);
  }
} catch (error) {
  reportError(error);
}
