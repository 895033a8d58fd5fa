import {
  AbortError,
  AuthenticationError,
  InvalidRequestError,
  ProviderError,
  RateLimitError,
  TimeoutError,
} from '@weft/core';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cohereReranker } from './cohere-reranker.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const apiKey = 'co-test-key-1234567890';
const url = 'https://api.cohere.com/v2/rerank';

// Cohere's documented v2 rerank response.
const rerankResponse = {
  id: '07734bd2-2473-4f07-94e1-0d9f0e6843cf',
  results: [
    { index: 2, relevance_score: 0.9987 },
    { index: 0, relevance_score: 0.4215 },
  ],
  meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
};

describe('cohereReranker', () => {
  it('posts { model, query, documents, top_n } with the key and returns the results', async () => {
    const received: Array<{ body: unknown; authorization: string | null }> = [];
    server.use(
      http.post(url, async ({ request }) => {
        received.push({
          body: await request.json(),
          authorization: request.headers.get('authorization'),
        });
        return HttpResponse.json(rerankResponse);
      }),
    );
    const reranker = cohereReranker({ apiKey });
    const result = await reranker.rerank('capital of France', ['Berlin', 'Rome', 'Paris'], {
      topN: 2,
    });
    expect(result.results).toEqual([
      { index: 2, score: 0.9987 },
      { index: 0, score: 0.4215 },
    ]);
    expect(received).toEqual([
      {
        body: {
          model: 'rerank-v3.5',
          query: 'capital of France',
          documents: ['Berlin', 'Rome', 'Paris'],
          top_n: 2,
        },
        authorization: `Bearer ${apiKey}`,
      },
    ]);
  });

  it('talks to another Cohere-compatible base URL and model (e.g. Jina)', async () => {
    server.use(
      http.post('https://api.jina.ai/v1/rerank', async ({ request }) => {
        const body = (await request.json()) as { model: string };
        return HttpResponse.json({
          model: body.model,
          results: [{ index: 0, relevance_score: 0.5 }],
        });
      }),
    );
    const reranker = cohereReranker({
      apiKey,
      baseURL: 'https://api.jina.ai/v1/',
      model: 'jina-reranker-v2',
    });
    expect((await reranker.rerank('q', ['only'])).results).toEqual([{ index: 0, score: 0.5 }]);
  });

  it("speaks Voyage's shape: top_k in the request, data in the response", async () => {
    const received: unknown[] = [];
    server.use(
      http.post('https://api.voyageai.com/v1/rerank', async ({ request }) => {
        received.push(await request.json());
        // Voyage's documented rerank response.
        return HttpResponse.json({
          object: 'list',
          data: [
            { relevance_score: 0.92, index: 1 },
            { relevance_score: 0.13, index: 0 },
          ],
          model: 'rerank-2.5',
          usage: { total_tokens: 26 },
        });
      }),
    );
    const reranker = cohereReranker({
      apiKey,
      baseURL: 'https://api.voyageai.com/v1',
      model: 'rerank-2.5',
    });
    const result = await reranker.rerank('rain', ['sunny beach', 'rainy city'], { topN: 2 });
    expect(result.results).toEqual([
      { index: 1, score: 0.92 },
      { index: 0, score: 0.13 },
    ]);
    expect(received).toEqual([
      { model: 'rerank-2.5', query: 'rain', documents: ['sunny beach', 'rainy city'], top_k: 2 },
    ]);
    expect(() => cohereReranker({ apiKey, topNField: 'top' as never })).toThrow(/topNField/);
  });

  it('retries a 429 after the retry-after wait, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.post(url, () => {
        calls++;
        return calls === 1
          ? HttpResponse.json(
              { message: 'too many requests' },
              { status: 429, headers: { 'retry-after': '0' } },
            )
          : HttpResponse.json({ results: [{ index: 0, relevance_score: 0.7 }] });
      }),
    );
    const result = await cohereReranker({ apiKey }).rerank('q', ['doc']);
    expect(calls).toBe(2);
    expect(result.results).toEqual([{ index: 0, score: 0.7 }]);
  });

  it('gives up after maxRetries with a RateLimitError', async () => {
    let calls = 0;
    server.use(
      http.post(url, () => {
        calls++;
        return HttpResponse.json(
          { message: 'slow down' },
          { status: 429, headers: { 'retry-after': '0' } },
        );
      }),
    );
    const error = await cohereReranker({ apiKey, maxRetries: 1 })
      .rerank('q', ['doc'])
      .catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(calls).toBe(2);
  });

  it('ends a call that outlives its timeout with a TimeoutError, retries included', async () => {
    let calls = 0;
    server.use(
      http.post(url, async () => {
        calls++;
        await delay(400);
        return HttpResponse.json(rerankResponse);
      }),
    );
    const error = await cohereReranker({ apiKey, timeout: 60 })
      .rerank('q', ['a', 'b', 'c'])
      .catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(calls).toBe(1);
  });

  it("stops at the caller's abort, also while waiting to retry", async () => {
    server.use(
      http.post(url, () =>
        HttpResponse.json({ message: 'busy' }, { status: 503, headers: { 'retry-after': '30' } }),
      ),
    );
    const controller = new AbortController();
    const pending = cohereReranker({ apiKey })
      .rerank('q', ['doc'], { signal: controller.signal })
      .catch((caught: unknown) => caught);
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(AbortError.isInstance(error)).toBe(true);
  });

  it('maps 401 to AuthenticationError without the key in the message, and never retries it', async () => {
    let calls = 0;
    server.use(
      http.post(url, () => {
        calls++;
        return HttpResponse.json({ message: `invalid api token ${apiKey}` }, { status: 401 });
      }),
    );
    const error = (await cohereReranker({ apiKey })
      .rerank('q', ['doc'])
      .catch((caught: unknown) => caught)) as Error;
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain('HTTP 401');
    expect(error.message).not.toContain(apiKey);
    expect(calls).toBe(1);
  });

  it("names the service in its errors: Voyage's base URL gives provider 'voyage'", async () => {
    server.use(
      http.post('https://api.voyageai.com/v1/rerank', () =>
        HttpResponse.json({ detail: 'Provided API key is invalid.' }, { status: 401 }),
      ),
    );
    const error = await cohereReranker({ apiKey, baseURL: 'https://api.voyageai.com/v1' })
      .rerank('q', ['doc'])
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).provider).toBe('voyage');
    expect((error as Error).message).toBe(
      'voyage API error (HTTP 401): Provided API key is invalid.',
    );
  });

  it('maps 400 to InvalidRequestError with the API message', async () => {
    server.use(
      http.post(url, () => HttpResponse.json({ message: 'invalid model' }, { status: 400 })),
    );
    const error = await cohereReranker({ apiKey })
      .rerank('q', ['doc'])
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('invalid model');
  });

  it('refuses a response whose index is out of range, or that has no results', async () => {
    server.use(
      http.post(url, () => HttpResponse.json({ results: [{ index: 3, relevance_score: 1 }] })),
    );
    await expect(cohereReranker({ apiKey }).rerank('q', ['a', 'b'])).rejects.toThrow(
      /not one of the 2 documents/,
    );
    server.use(http.post(url, () => HttpResponse.json({ items: [] })));
    const error = await cohereReranker({ apiKey })
      .rerank('q', ['a'])
      .catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/no `results` \(or `data`\) array/);
  });

  it('asks for an API key when none is given or set', async () => {
    const saved = process.env.COHERE_API_KEY;
    delete process.env.COHERE_API_KEY;
    try {
      await expect(cohereReranker().rerank('q', ['a'])).rejects.toThrow(/set COHERE_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.COHERE_API_KEY = saved;
    }
  });
});
