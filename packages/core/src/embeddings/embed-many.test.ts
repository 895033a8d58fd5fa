import fc from 'fast-check';
import { getEncoding } from 'js-tiktoken';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { embeddingsHandler, expectedVector } from '../../test/support/embeddings-wire.js';
import { useMswServer } from '../../test/support/msw.js';
import {
  AbortError,
  InvalidRequestError,
  ProviderError,
  TimeoutError,
  ValidationError,
} from '../errors/errors.js';
import { createOpenAI } from '../openai/openai-provider.js';
import { createOpenAICompatible } from '../openai-compatible/openai-compatible-provider.js';
import { mockEmbeddingModel } from '../testing/mock-embedding-model.js';
import { type EmbedProgress, embedMany } from './embed-many.js';
import { memoryEmbeddingCache } from './embedding-cache.js';

const server = useMswServer();
const baseURL = 'https://embed.test/v1';
const url = `${baseURL}/embeddings`;
const local = createOpenAICompatible({ name: 'local', baseURL });
const openai = createOpenAI({ apiKey: 'sk-test-key', baseURL });
const cl100k = getEncoding('cl100k_base');
const texts = (count: number) => Array.from({ length: count }, (_, i) => `text ${i}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function serve(options: Parameters<typeof embeddingsHandler>[1] = {}) {
  const { handler, requests } = embeddingsHandler(url, options);
  server.use(handler);
  return requests;
}

describe('embedMany over HTTP', () => {
  it('keeps input order across batches split by count, answered out of order', async () => {
    const requests = serve({ intercept: async (_, index) => void (await sleep((7 - index) % 4)) });
    const values = texts(25);
    const result = await embedMany({
      model: local.embedding('m', { maxBatchSize: 4 }),
      values,
      concurrency: 3,
    });
    expect(result.embeddings).toEqual(values.map((text) => expectedVector(text)));
    expect(requests.map((request) => request.input.length)).toEqual([4, 4, 4, 4, 4, 4, 1]);
    expect(requests.flatMap((request) => request.input).sort()).toEqual([...values].sort());
    expect(result.usage).toEqual({ inputTokens: 25, totalTokens: 25 });
    expect(result.requests).toBe(7);
  });

  it('splits by tokens: no request carries more than maxBatchTokens', async () => {
    const requests = serve();
    const values = Array.from(
      { length: 40 },
      (_, i) => `${'word '.repeat(i % 9)}item ${i} ${'🙂'.repeat(i % 3)}`,
    );
    const model = local.embedding('m', {
      maxBatchSize: 100,
      maxBatchTokens: 60,
      encoding: 'cl100k_base',
    });
    const result = await embedMany({ model, values });
    expect(result.embeddings).toEqual(values.map((text) => expectedVector(text)));
    expect(requests.length).toBeGreaterThan(1);
    const tokens = (batch: string[]) =>
      batch.reduce((sum, text) => sum + cl100k.encode(text).length, 0);
    for (const request of requests) expect(tokens(request.input)).toBeLessThanOrEqual(60);
    // Counted exactly, not with the byte bound: each batch is full up to the next text.
    for (const [i, request] of requests.slice(0, -1).entries()) {
      const next = requests[i + 1]?.input[0] as string;
      expect(tokens([...request.input, next])).toBeGreaterThan(60);
    }
  });

  it('retries one failed batch alone, without redoing the others', async () => {
    const attempts = new Map<string, number>();
    serve({
      intercept: ({ input }) => {
        const first = input[0] as string;
        attempts.set(first, (attempts.get(first) ?? 0) + 1);
        if (first === 'text 4' && attempts.get(first) === 1) {
          return HttpResponse.json(
            { error: { message: 'upstream hiccup' } },
            { status: 500, headers: { 'retry-after-ms': '1' } },
          );
        }
        return undefined;
      },
    });
    const values = texts(12);
    const result = await embedMany({
      model: local.embedding('m', { maxBatchSize: 4 }),
      values,
      concurrency: 3,
    });
    expect(result.embeddings).toEqual(values.map((text) => expectedVector(text)));
    expect(Object.fromEntries(attempts)).toEqual({ 'text 0': 1, 'text 4': 2, 'text 8': 1 });
  });

  it('stops at a failure that cannot be retried and starts no further batch', async () => {
    const requests = serve({
      intercept: (_, index) =>
        index === 1
          ? HttpResponse.json({ error: { message: 'bad input' } }, { status: 400 })
          : undefined,
    });
    const error = await embedMany({
      model: local.embedding('m', { maxBatchSize: 2 }),
      values: texts(10),
      concurrency: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(requests).toHaveLength(2);
  });

  it('aborts mid-way: in-flight requests are cancelled, no new one starts, AbortError', async () => {
    const controller = new AbortController();
    const cancelled: boolean[] = [];
    const requests = serve({
      intercept: (_, index, signal) => {
        if (index < 2) return undefined;
        // Hang until the client goes away; the fourth request's arrival aborts the call.
        const hang = new Promise<undefined>((resolve) => {
          signal.addEventListener('abort', () => {
            cancelled.push(true);
            resolve(undefined);
          });
        });
        if (index === 3) setTimeout(() => controller.abort(), 5);
        return hang;
      },
    });
    const progress: EmbedProgress[] = [];
    const error = await embedMany({
      model: local.embedding('m', { maxBatchSize: 2 }),
      values: texts(20),
      concurrency: 2,
      signal: controller.signal,
      onProgress: (event) => progress.push(event),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(4);
    expect(progress.map((event) => event.completed)).toEqual([2, 4]);
    await expect.poll(() => cancelled.length).toBe(2);
  });

  it('rejects with TimeoutError when the whole call outlives its timeout', async () => {
    serve({ intercept: async (_, index) => void (index > 0 && (await sleep(2_000))) });
    const error = await embedMany({
      model: local.embedding('m', { maxBatchSize: 1 }),
      values: texts(3),
      concurrency: 1,
      timeout: 200,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('refuses an over-long text naming the limit and its position; sends nothing', async () => {
    const requests = serve();
    const long = ' hello'.repeat(9_000);
    const error = await embedMany({
      model: openai.embedding('text-embedding-3-small'),
      values: ['short', long],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/values\[1\] has 9000 tokens/);
    expect((error as Error).message).toMatch(/limit of 8191 tokens/);
    expect((error as ValidationError).issues[0]?.path).toEqual(['values', 1]);
    expect(requests).toHaveLength(0);
  });

  it('cuts an over-long text to the limit with truncate: true, and says which', async () => {
    const requests = serve();
    const long = ' hello'.repeat(9_000);
    const result = await embedMany({
      model: openai.embedding('text-embedding-3-small'),
      values: ['short', long],
      truncate: true,
    });
    expect(result.truncated).toEqual([1]);
    const sent = requests[0]?.input[1] as string;
    expect(cl100k.encode(sent).length).toBe(8191);
    expect(long.startsWith(sent)).toBe(true);
  });
});

describe('embedMany input checks', () => {
  it('refuses an empty list, a non-string and an empty string before any request', async () => {
    const model = mockEmbeddingModel();
    await expect(embedMany({ model, values: [] })).rejects.toThrow(ValidationError);
    await expect(
      embedMany({ model, values: ['ok', 42 as unknown as string] }),
    ).rejects.toMatchObject({ issues: [{ path: ['values', 1] }] });
    await expect(embedMany({ model, values: ['ok', ''] })).rejects.toThrow(/empty string/);
    await expect(embedMany({ model, values: ['ok'], concurrency: 0 })).rejects.toThrow(
      /concurrency/,
    );
    expect(model.calls).toHaveLength(0);
  });

  it('refuses a provider answer with vectors of different lengths across batches', async () => {
    let call = 0;
    const model = mockEmbeddingModel({
      maxBatchSize: 1,
      embedText: () => new Float32Array(call++ === 0 ? 4 : 5),
    });
    await expect(embedMany({ model, values: ['a', 'b'], concurrency: 1 })).rejects.toThrow(
      ProviderError,
    );
  });
});

describe('embedMany cache and duplicates', () => {
  it('embeds duplicate texts once and gives each position its own copy', async () => {
    const model = mockEmbeddingModel();
    const result = await embedMany({ model, values: ['a', 'b', 'a', 'a'] });
    expect(model.calls.map((call) => call.texts)).toEqual([['a', 'b']]);
    expect(result.embeddings[2]).toEqual(result.embeddings[0]);
    expect(result.embeddings[2]).not.toBe(result.embeddings[0]);
  });

  it('sends only texts missing from the cache, and reports the hits', async () => {
    const model = mockEmbeddingModel({ maxBatchSize: 3 });
    const cache = memoryEmbeddingCache();
    const first = await embedMany({ model, values: ['a', 'b', 'c'], cache });
    expect(first.cacheHits).toBe(0);
    const progress: EmbedProgress[] = [];
    const second = await embedMany({
      model,
      values: ['c', 'd', 'a', 'e', 'b'],
      cache,
      onProgress: (event) => progress.push(event),
    });
    expect(model.calls.map((call) => call.texts)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    expect(second.cacheHits).toBe(3);
    expect(second.embeddings[0]).toEqual(first.embeddings[2]);
    expect(second.usage.inputTokens).toBe(2);
    expect(progress).toEqual([{ completed: 5, total: 5, batch: { index: 0, count: 1, size: 2 } }]);
    const third = await embedMany({ model, values: ['e', 'a'], cache });
    expect(model.calls).toHaveLength(2);
    expect(third.requests).toBe(0);
  });

  it('never shares cache entries between models or dimensions', async () => {
    const cache = memoryEmbeddingCache();
    const small = mockEmbeddingModel({ dimensions: 4 });
    const large = mockEmbeddingModel({ dimensions: 6 });
    await embedMany({ model: small, values: ['a'], cache });
    const result = await embedMany({ model: large, values: ['a'], cache });
    expect(large.calls).toHaveLength(1);
    expect(result.embeddings[0]).toHaveLength(6);
  });
});

describe('embedMany properties', () => {
  it('keeps order and the concurrency bound under any batch size, latency and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
        async (values, maxBatchSize, concurrency, delays) => {
          let inFlight = 0;
          let most = 0;
          const model = mockEmbeddingModel({
            maxBatchSize,
            beforeAnswer: async (_, index) => {
              inFlight++;
              most = Math.max(most, inFlight);
              await sleep(delays[index % delays.length] as number);
              inFlight--;
            },
          });
          const progress: number[] = [];
          const result = await embedMany({
            model,
            values,
            concurrency,
            onProgress: (event) => progress.push(event.completed),
          });
          expect(result.embeddings).toEqual(values.map((text) => expectedVector(text)));
          expect(most).toBeLessThanOrEqual(concurrency);
          for (const call of model.calls)
            expect(call.texts.length).toBeLessThanOrEqual(maxBatchSize);
          expect(progress.at(-1)).toBe(values.length);
          expect([...progress].sort((a, b) => a - b)).toEqual(progress);
        },
      ),
      { numRuns: 40 },
    );
  });
});
