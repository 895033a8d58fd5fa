import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { benchTexts, poolIndexOf } from './lib/embedding-corpus.js';
import { startEmbeddingServer } from './lib/embedding-server.js';
import { writeResults } from './lib/results.js';
import { round, summarize } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import { ensureWeftBuild } from './lib/weft-build.js';

const { values: args } = parseArgs({
  options: {
    texts: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '512' },
    concurrency: { type: 'string', default: '4' },
    latency: { type: 'string', default: '50' },
    dims: { type: 'string', default: '256' },
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
  },
});
const textCount = Number(args.texts);
const batchSize = Number(args.batch);
const concurrency = Number(args.concurrency);
const latencyMs = Number(args.latency);
const dimensions = Number(args.dims);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const goal = 1.2;

function startServer() {
  return startEmbeddingServer({ latencyMs, dimensions });
}

type Vectors = ArrayLike<ArrayLike<number>>;

/** Every text got its own vector, in order: its first value names the pool vector sent. */
function check(name: string, texts: string[], vectors: Vectors): void {
  if (vectors.length !== texts.length) {
    throw new Error(`${name}: ${vectors.length} vectors for ${texts.length} texts.`);
  }
  for (let i = 0; i < texts.length; i++) {
    const vector = vectors[i] as ArrayLike<number>;
    if (vector.length !== dimensions || vector[0] !== poolIndexOf(texts[i] as string)) {
      throw new Error(`${name}: vector ${i} is not the one the server sent for text ${i}.`);
    }
  }
}

interface WeftEmbeddings {
  embedMany(options: {
    model: unknown;
    values: string[];
    concurrency: number;
  }): Promise<{ embeddings: Float32Array[] }>;
}

async function main() {
  const build = ensureWeftBuild();
  const core = (await import(build.coreUrl)) as Partial<WeftEmbeddings>;
  const { createOpenAI } = (await import(build.openaiUrl)) as {
    createOpenAI(settings: { apiKey: string; baseURL: string }): {
      embedding(id: string, settings: { dimensions: number }): Record<string, unknown>;
    };
  };
  if (typeof core.embedMany !== 'function') {
    throw new Error(`The build in ${build.dir} does not export embedMany (is index.ts updated?).`);
  }
  const embedMany = core.embedMany;
  const server = await startServer();
  const texts = benchTexts(textCount);
  const requestsPerRun = Math.ceil(textCount / batchSize);
  const idealMs = Math.ceil(requestsPerRun / concurrency) * latencyMs;
  const apiKey = 'sk-bench-not-a-key';

  // OpenAI's model with its real limits and token checks, asked for 512 texts per request.
  const model = {
    ...createOpenAI({ apiKey, baseURL: server.baseURL }).embedding('text-embedding-3-small', {
      dimensions,
    }),
    maxBatchSize: batchSize,
  };
  const client = new OpenAI({ apiKey, baseURL: server.baseURL, maxRetries: 0 });

  const contenders: Array<{ key: string; name: string; run(): Promise<Vectors> }> = [
    {
      key: 'weft',
      name: 'Weft embedMany (built @weft/core)',
      run: async () => (await embedMany({ model, values: texts, concurrency })).embeddings,
    },
    {
      key: 'floor',
      name: '(floor) fetch + JSON.parse + Buffer decode, no checks',
      run: async () => {
        const out: Float32Array[] = new Array(texts.length);
        let next = 0;
        const worker = async () => {
          while (next < requestsPerRun) {
            const start = next++ * batchSize;
            const response = await fetch(`${server.baseURL}/embeddings`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
              body: JSON.stringify({
                model: 'text-embedding-3-small',
                input: texts.slice(start, start + batchSize),
                encoding_format: 'base64',
                dimensions,
              }),
            });
            const json = JSON.parse(await response.text()) as {
              data: Array<{ index: number; embedding: string }>;
            };
            for (const item of json.data) {
              const bytes = Buffer.from(item.embedding, 'base64');
              out[start + item.index] = new Float32Array(
                bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
              );
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        return out;
      },
    },
    {
      key: 'openai-sdk',
      name: 'openai SDK embeddings.create, same batches, same concurrency',
      run: async () => {
        const out: number[][] = new Array(texts.length);
        let next = 0;
        const worker = async () => {
          while (next < requestsPerRun) {
            const start = next++ * batchSize;
            const input = texts.slice(start, start + batchSize);
            const response = await client.embeddings.create({
              model: 'text-embedding-3-small',
              input,
              dimensions,
            });
            for (const item of response.data) out[start + item.index] = item.embedding;
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        return out;
      },
    },
  ];

  console.log(
    `Embedding ${textCount.toLocaleString('en-US')} texts, ${batchSize} per request ` +
      `(${requestsPerRun} requests), ${concurrency} at a time, ${latencyMs} ms server latency, ` +
      `${dimensions}-dimension base64 vectors; ${warmup} warm-up + ${runs} measured rounds, median.` +
      `\nIdeal: ceil(${requestsPerRun} / ${concurrency}) x ${latencyMs} ms = ${idealMs} ms.\n`,
  );
  const samples = new Map<string, number[]>(contenders.map((c) => [c.key, []]));
  const maxInFlight = new Map<string, number>();
  for (let round = 0; round < warmup + runs; round++) {
    // Rotate the order every round so neither always runs first.
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const contender of order) {
      const start = performance.now();
      const vectors = await contender.run();
      const elapsed = performance.now() - start;
      check(contender.name, texts, vectors);
      const stats = await server.stats();
      if (stats.requests !== requestsPerRun) {
        throw new Error(
          `${contender.name} sent ${stats.requests} requests, not ${requestsPerRun}.`,
        );
      }
      maxInFlight.set(
        contender.key,
        Math.max(maxInFlight.get(contender.key) ?? 0, stats.maxInFlight),
      );
      if (round >= warmup) samples.get(contender.key)?.push(elapsed);
    }
  }
  await server.close();

  const rows = contenders.map((contender) => {
    const summary = summarize(samples.get(contender.key) ?? []);
    return {
      key: contender.key,
      name: contender.name,
      medianMs: round(summary.median, 1),
      ratioToIdeal: round(summary.median / idealMs, 3),
      maxInFlight: maxInFlight.get(contender.key),
      summary: {
        min: round(summary.min, 1),
        q1: round(summary.q1, 1),
        q3: round(summary.q3, 1),
        max: round(summary.max, 1),
        samples: summary.samples.map((sample) => round(sample, 1)),
      },
    };
  });
  console.log(
    formatTable(
      ['contender', 'median', 'x ideal', 'max in flight'],
      rows.map((row) => [
        row.name,
        `${row.medianMs.toFixed(1)} ms`,
        `${row.ratioToIdeal.toFixed(3)}x`,
        String(row.maxInFlight),
      ]),
    ),
  );
  const weft = rows.find((row) => row.key === 'weft');
  const value = weft?.ratioToIdeal ?? Number.NaN;
  console.log(
    `\nGoal: Weft within ${goal}x of ideal: ${value <= goal ? 'met' : 'MISSED'} (${value}x).`,
  );
  const file = writeResults(dimensions === 256 ? 'embeddings' : `embeddings-${dimensions}d`, {
    settings: { texts: textCount, batchSize, concurrency, latencyMs, dimensions, runs, warmup },
    idealMs,
    contenders: rows,
    goals: { embedManyOverIdeal: { goal: `<= ${goal}`, value } },
  });
  console.log(`Results: ${file}`);
}

await main();
