/**
 * Ingestion throughput. A corpus of ~20,000 chunks (the repo's docs/ and TypeScript's
 * lib/*.d.ts, cut by `recursiveChunker`) goes through Weft's `ingest` (built) into an
 * InMemoryVectorStore, embedded by the local mock server of the embeddings benchmark (its
 * own process; 50 ms latency a request, base64 vectors, 256 dimensions) through the
 * OpenAI provider, 512 texts a request, 4 requests at a time. As a floor, `embedMany` alone
 * embeds the same distinct texts. Every stored vector is checked against the one the server
 * sent for its text.
 *
 * The goal: a fresh ingest within 1.2x of the ideal, ceil(requests / concurrency) x latency.
 * A second run over the same documents and store must embed nothing; its time is reported.
 *
 *   pnpm --filter @weft/bench run bench:ingest [--chunks 20000] [--chunk-size 200]
 *     [--batch 512] [--concurrency 4] [--latency 50] [--dims 256] [--runs 5] [--warmup 1]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { poolSize, poolVector } from './lib/embedding-corpus.js';
import { startEmbeddingServer } from './lib/embedding-server.js';
import { weftIngestBuild } from './lib/ingest-build.js';
import { repoDir, writeResults } from './lib/results.js';
import { round, summarize } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import { ensureWeftBuild } from './lib/weft-build.js';

const { values: args } = parseArgs({
  options: {
    chunks: { type: 'string', default: '20000' },
    'chunk-size': { type: 'string', default: '200' },
    batch: { type: 'string', default: '512' },
    concurrency: { type: 'string', default: '4' },
    latency: { type: 'string', default: '50' },
    dims: { type: 'string', default: '256' },
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
  },
});
const targetChunks = Number(args.chunks);
const chunkSize = Number(args['chunk-size']);
const batchSize = Number(args.batch);
const concurrency = Number(args.concurrency);
const latencyMs = Number(args.latency);
const dimensions = Number(args.dims);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const goal = 1.2;

interface Doc {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
}
interface Chunk {
  id: string;
  text: string;
  documentId: string;
}
interface Store {
  count(): Promise<number>;
  snapshot(): { ids: string[]; texts: Array<string | undefined>; vectors: Float32Array };
}
interface IngestResult {
  chunks: number;
  embeddedTexts: number;
  unchanged: number;
}
interface WeftRag {
  ingest(options: Record<string, unknown>): Promise<IngestResult>;
  memoryIngestState(): unknown;
  recursiveChunker(options: { chunkSize: number; chunkOverlap: number }): {
    chunk(document: Doc): Chunk[];
  };
  InMemoryVectorStore: new (options: { dimensions: number }) => Store;
}

/** The mock server answers a text with pool vector `poolIndexOf(text)` (its leading number). */
function poolIndexOfText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % poolSize;
}

function startServer() {
  return startEmbeddingServer({ latencyMs, dimensions });
}

function loadCorpus(): Doc[] {
  const sources: Array<[string, string]> = [];
  for (const name of readdirSync(join(repoDir, 'docs')).sort()) {
    if (name.endsWith('.md')) sources.push([`docs/${name}`, join(repoDir, 'docs', name)]);
  }
  const lib = join(repoDir, 'node_modules', 'typescript', 'lib');
  for (const name of readdirSync(lib).sort()) {
    if (name.endsWith('.d.ts')) sources.push([`typescript/lib/${name}`, join(lib, name)]);
  }
  return sources.map(([id, path]) => ({
    id,
    text: readFileSync(path, 'utf8'),
    metadata: { source: id },
  }));
}

async function main() {
  const core = ensureWeftBuild();
  const { createOpenAI } = (await import(core.openaiUrl)) as {
    createOpenAI(settings: { apiKey: string; baseURL: string }): {
      embedding(
        id: string,
        settings: { dimensions: number },
      ): {
        embed(texts: string[], options?: unknown): Promise<{ embeddings: Float32Array[] }>;
      } & Record<string, unknown>;
    };
  };
  const { embedMany } = (await import(core.coreUrl)) as {
    embedMany(options: Record<string, unknown>): Promise<{ embeddings: Float32Array[] }>;
  };
  const rag = (await import(await weftIngestBuild())) as WeftRag;
  const server = await startServer();

  // The corpus: whole documents, in order, until the target number of chunks is reached.
  const chunker = rag.recursiveChunker({ chunkSize, chunkOverlap: 0 });
  const documents: Doc[] = [];
  let chunkCount = 0;
  for (const document of loadCorpus()) {
    if (chunkCount >= targetChunks) break;
    documents.push(document);
    chunkCount += chunker.chunk(document).length;
  }
  const megabytes = documents.reduce((sum, document) => sum + document.text.length, 0) / 1e6;

  const openai = createOpenAI({ apiKey: 'sk-bench-not-a-key', baseURL: server.baseURL }).embedding(
    'text-embedding-3-small',
    { dimensions },
  );
  // The shared server picks a text's vector by its leading number: prefix one derived from
  // the text, so that every text has a known vector to check.
  const model = {
    ...openai,
    maxBatchSize: batchSize,
    embed: (texts: string[], options?: unknown) =>
      openai.embed(
        texts.map((text) => `${poolIndexOfText(text)}:${text}`),
        options,
      ),
  };
  const pool = Array.from({ length: poolSize }, (_, k) => {
    const vector = poolVector(k, dimensions);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
  const check = (store: Store) => {
    const { ids, texts, vectors } = store.snapshot();
    if (ids.length !== chunkCount)
      throw new Error(`${ids.length} records for ${chunkCount} chunks.`);
    ids.forEach((_, row) => {
      const expected = pool[poolIndexOfText(texts[row] as string)] as Float32Array;
      for (let i = 0; i < dimensions; i++) {
        if (Math.abs((vectors[row * dimensions + i] as number) - (expected[i] as number)) > 1e-5) {
          throw new Error(`record ${ids[row]} does not hold the vector of its text.`);
        }
      }
    });
  };

  const distinctTexts = [
    ...new Set(documents.flatMap((document) => chunker.chunk(document).map((chunk) => chunk.text))),
  ];
  const requestsPerRun = Math.ceil(distinctTexts.length / batchSize);
  const idealMs = Math.ceil(requestsPerRun / concurrency) * latencyMs;
  console.log(
    `Ingesting ${documents.length} documents (${megabytes.toFixed(1)} MB, ${chunkCount.toLocaleString('en-US')} chunks of <= ${chunkSize} characters, ${distinctTexts.length.toLocaleString('en-US')} distinct) ` +
      `through a mock server: ${batchSize} texts a request (${requestsPerRun} requests), ${concurrency} at a time, ${latencyMs} ms latency, ${dimensions} dimensions.\n` +
      `Ideal: ceil(${requestsPerRun} / ${concurrency}) x ${latencyMs} ms = ${idealMs} ms. ${warmup} warm-up + ${runs} measured rounds, median.\n`,
  );

  const samples = { ingest: [] as number[], rerun: [] as number[], embedMany: [] as number[] };
  let maxInFlight = 0;
  for (let round = 0; round < warmup + runs; round++) {
    const store = new rag.InMemoryVectorStore({ dimensions });
    const state = rag.memoryIngestState();
    const options = { documents, chunker, embeddingModel: model, store, state, concurrency };
    let start = performance.now();
    const first = await rag.ingest(options);
    const ingestMs = performance.now() - start;
    const stats = await server.stats();
    maxInFlight = Math.max(maxInFlight, stats.maxInFlight);
    if (stats.requests !== requestsPerRun || first.embeddedTexts !== distinctTexts.length) {
      throw new Error(`ingest sent ${stats.requests} requests for ${first.embeddedTexts} texts.`);
    }
    check(store);

    start = performance.now();
    const again = await rag.ingest(options);
    const rerunMs = performance.now() - start;
    if ((await server.stats()).requests !== 0 || again.unchanged !== chunkCount) {
      throw new Error('the second run embedded or wrote chunks again.');
    }

    start = performance.now();
    await embedMany({ model, values: distinctTexts, concurrency });
    const embedManyMs = performance.now() - start;
    await server.stats();
    if (round >= warmup) {
      samples.ingest.push(ingestMs);
      samples.rerun.push(rerunMs);
      samples.embedMany.push(embedManyMs);
    }
  }
  await server.close();

  const summaries = {
    ingest: summarize(samples.ingest),
    rerun: summarize(samples.rerun),
    embedMany: summarize(samples.embedMany),
  };
  const rows = [
    {
      key: 'weft-ingest',
      name: 'Weft ingest, fresh store (chunk, hash, compare, embed, write)',
      s: summaries.ingest,
    },
    { key: 'weft-ingest-rerun', name: 'Weft ingest again, nothing changed', s: summaries.rerun },
    {
      key: 'embed-many-floor',
      name: '(floor) embedMany of the same distinct texts only',
      s: summaries.embedMany,
    },
  ].map(({ key, name, s }) => ({
    key,
    name,
    medianMs: round(s.median, 1),
    ratioToIdeal: round(s.median / idealMs, 3),
    summary: {
      min: round(s.min, 1),
      max: round(s.max, 1),
      samples: s.samples.map((x) => round(x, 1)),
    },
  }));
  console.log(
    formatTable(
      ['contender', 'median', 'x ideal'],
      rows.map((row) => [
        row.name,
        `${row.medianMs.toFixed(1)} ms`,
        `${row.ratioToIdeal.toFixed(3)}x`,
      ]),
    ),
  );
  const value = rows[0]?.ratioToIdeal ?? Number.NaN;
  console.log(
    `\nGoal: ingest within ${goal}x of ideal: ${value <= goal ? 'met' : 'MISSED'} (${value}x). Max requests in flight: ${maxInFlight}.`,
  );
  const file = writeResults('ingest', {
    settings: {
      chunks: chunkCount,
      distinctTexts: distinctTexts.length,
      documents: documents.length,
      megabytes: round(megabytes, 2),
      chunkSize,
      batchSize,
      concurrency,
      latencyMs,
      dimensions,
      runs,
      warmup,
    },
    idealMs,
    maxInFlight,
    contenders: rows,
    goals: {
      ingestOverIdeal: { goal: `<= ${goal}`, value },
      rerunMs: { goal: 'tiny: nothing embedded', value: rows[1]?.medianMs },
    },
  });
  console.log(`Results: ${file}`);
}

await main();
