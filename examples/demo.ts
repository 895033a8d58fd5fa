/**
 * The README's demo (`pnpm demo`): ingests the project's docs/ and answers three questions
 * about Weft with citations (source file and exact character offsets).
 *
 * With no provider configured it runs offline: a BM25 keyword index over docs/ finds the
 * passages, which are printed with their offsets, followed by how to enable generated
 * answers. With a chat model (OPENAI_API_KEY, ANTHROPIC_API_KEY, or WEFT_BASE_URL and
 * WEFT_MODEL) and an embedding model (OPENAI_API_KEY, or WEFT_BASE_URL and
 * WEFT_EMBEDDING_MODEL), it answers with hybrid retrieval (vectors + BM25); without an
 * embedding model, over BM25 alone.
 *
 * The indexes are kept in examples/.weft-demo/ (WEFT_DEMO_DIR to choose another folder), so
 * a second run re-embeds nothing (the questions' vectors are cached too) and only changed
 * documents are indexed again.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatModel } from '@weft/core';
import { fileEmbeddingCache } from '@weft/core/node';
import {
  type Document,
  hybridRetriever,
  keywordRetriever,
  markdownChunker,
  type Retriever,
  streamAnswer,
  vectorRetriever,
} from '@weft/rag';
import { loadDirectory } from '@weft/rag/node';
import { embeddingModelFromEnv } from './embeddings/pick-embedding-model.js';
import { ingestToDisk } from './shared/disk-index.js';
import { keywordIndexFor } from './shared/keyword-index.js';
import {
  createModel,
  describeChoice,
  type ProviderChoice,
  resolveProvider,
} from './shared/pick-model.js';
import { printCitations, printPassages } from './shared/print-results.js';
import { progressBar } from './shared/progress-bar.js';
import { reportError } from './shared/report-error.js';

const questions = [
  'How does Weft retry failed requests?',
  'How do I read a streamed answer as it arrives?',
  'How does Weft count tokens?',
];

const docsDir = fileURLToPath(new URL('../docs', import.meta.url));
const cacheDir = resolve(
  process.env.WEFT_DEMO_DIR?.trim() || fileURLToPath(new URL('.weft-demo', import.meta.url)),
);
const keywordIndexDir = resolve(cacheDir, 'bm25');

const enableAnswers =
  'To enable generated answers: set OPENAI_API_KEY, or ANTHROPIC_API_KEY (plus an embedding provider for hybrid retrieval), ' +
  'or WEFT_BASE_URL + WEFT_MODEL [+ WEFT_EMBEDDING_MODEL] for an OpenAI-compatible server such as Ollama; then run `pnpm demo` again.';

/** A BM25 retriever over docs/, the index rebuilt only when a document changed. */
async function keywordOnly(documents: readonly Document[]): Promise<Retriever> {
  const { index, chunks, reused } = await keywordIndexFor(documents, keywordIndexDir);
  console.log(
    `${reused ? 'Loaded the saved BM25 index' : 'Built the BM25 index'}: ${documents.length} documents, ${chunks.size} chunks (${keywordIndexDir}).`,
  );
  return keywordRetriever({ index, chunks });
}

/** Vector + BM25 retrieval over docs/, ingested into a store saved per embedding model. */
async function hybridOrKeyword(documents: readonly Document[]): Promise<[Retriever, string]> {
  const embeddingModel = await embeddingModelFromEnv();
  if (!embeddingModel) {
    console.log(
      'No embedding model is configured (OPENAI_API_KEY, or WEFT_BASE_URL + WEFT_EMBEDDING_MODEL), so retrieval falls back to BM25 keyword search.',
    );
    return [await keywordOnly(documents), 'BM25 keyword retrieval'];
  }
  // One folder per embedding model: vectors of different models never share a store.
  const modelName = `${embeddingModel.provider}-${embeddingModel.modelId}`.replace(
    /[^\w.-]+/g,
    '_',
  );
  const dir = resolve(cacheDir, modelName);
  const { store, keywordIndex, result } = await ingestToDisk({
    dir,
    documents,
    chunker: markdownChunker({ chunkSize: 800, chunkOverlap: 100 }),
    embeddingModel,
    onProgress: progressBar(),
  });
  console.log(
    `Ingested docs/ (${documents.length} documents, ${result.chunks} chunks) into ${dir}: ` +
      (result.embeddedTexts > 0
        ? `embedded ${result.embeddedTexts} new chunks.`
        : 'nothing to embed, every chunk was already there.'),
  );
  const retriever = hybridRetriever({
    retrievers: {
      vector: vectorRetriever({
        store,
        embeddingModel,
        // The questions' vectors too are kept, so a second run sends no embedding request.
        embeddingCache: fileEmbeddingCache(resolve(dir, 'query-embeddings.json')),
      }),
      keyword: keywordRetriever({ index: keywordIndex, chunks: store }),
    },
  });
  return [retriever, 'hybrid retrieval (vectors + BM25)'];
}

async function answerQuestions(model: ChatModel, retriever: Retriever): Promise<void> {
  for (const question of questions) {
    console.log(`\nQ: ${question}\n`);
    const result = streamAnswer({ model, retriever, question, topK: 5, maxContextTokens: 2000 });
    for await (const delta of result.textStream) process.stdout.write(delta);
    console.log();
    printCitations(await result.citations);
    for (const warning of await result.warnings) console.error(`Note: ${warning.message}`);
  }
}

async function runOnline(documents: readonly Document[], choice: ProviderChoice): Promise<void> {
  const model = await createModel(choice);
  const [retriever, how] = await hybridOrKeyword(documents);
  console.log(`Weft demo: answering with ${describeChoice(choice)} over ${how}.`);
  await answerQuestions(model, retriever);
}

async function runOffline(documents: readonly Document[], problem: string): Promise<void> {
  console.log(
    `Weft demo, offline: ${problem} These are the passages BM25 retrieval finds in docs/, not generated answers.`,
  );
  const retriever = await keywordOnly(documents);
  for (const question of questions) {
    console.log(`\nQ: ${question}\n`);
    printPassages(await retriever.retrieve(question, { topK: 3 }));
  }
  console.log(`\n${enableAnswers}`);
}

try {
  const { documents } = await loadDirectory(docsDir, { include: ['**/*.md'] });
  if (documents.length === 0) throw new Error(`No Markdown documents found in ${docsDir}.`);
  const resolution = resolveProvider();
  if (resolution.ok) await runOnline(documents, resolution.choice);
  else await runOffline(documents, resolution.message.split('\n')[0] ?? '');
} catch (error) {
  reportError(error);
}
