import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import { fixtureJson } from '../../test/support/sse.js';
import { AuthenticationError, ProviderError, ValidationError } from '../errors/errors.js';
import { createOpenAI } from '../openai/openai-provider.js';
import { createOpenAICompatible } from '../openai-compatible/openai-compatible-provider.js';

const server = useMswServer();
const baseURL = 'https://openai.test/v1';
const openai = createOpenAI({ apiKey: 'sk-test-key', baseURL });

const floats = fixtureJson('embeddings/compatible-float.json') as {
  data: Array<{ embedding: number[] }>;
};
const [first, second] = floats.data.map((item) => Float32Array.from(item.embedding));

function serve(url: string, fixture: unknown, status = 200) {
  const seen = recordBodies();
  server.use(
    http.post(url, async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json(fixture as Record<string, unknown>, { status });
    }),
  );
  return seen;
}

describe('openai.embedding', () => {
  it('asks for base64 and decodes it into Float32Arrays in input order, with usage', async () => {
    const seen = serve(`${baseURL}/embeddings`, fixtureJson('embeddings/openai-base64.json'));
    const model = openai.embedding('text-embedding-3-small');
    const result = await model.embed(['first text', 'second text']);
    expect(result.embeddings).toEqual([first, second]);
    expect(result.embeddings[0]).toBeInstanceOf(Float32Array);
    expect(result.usage).toEqual({ inputTokens: 12, totalTokens: 12 });
    expect(seen.bodies[0]).toEqual({
      model: 'text-embedding-3-small',
      input: ['first text', 'second text'],
      encoding_format: 'base64',
    });
    expect(seen.headers[0]?.get('authorization')).toBe('Bearer sk-test-key');
  });

  it("knows OpenAI's limits and passes dimensions through", async () => {
    const seen = serve(`${baseURL}/embeddings`, fixtureJson('embeddings/openai-base64.json'));
    const model = openai.embedding('text-embedding-3-large', { dimensions: 8 });
    expect(model).toMatchObject({
      provider: 'openai',
      modelId: 'text-embedding-3-large',
      dimensions: 8,
      maxBatchSize: 2048,
      maxBatchTokens: 300_000,
      maxInputTokens: 8191,
      encoding: 'cl100k_base',
    });
    await model.embed(['a', 'b']);
    expect(seen.bodies[0]).toMatchObject({ dimensions: 8 });
  });

  it('refuses a non-positive dimensions setting before any request', () => {
    expect(() => openai.embedding('text-embedding-3-small', { dimensions: 0 })).toThrow(
      ValidationError,
    );
  });

  it('retries a 503 and then succeeds, sending the same body', async () => {
    let calls = 0;
    server.use(
      http.post(`${baseURL}/embeddings`, () => {
        calls++;
        if (calls === 1) {
          return HttpResponse.json(
            { error: { message: 'overloaded' } },
            { status: 503, headers: { 'retry-after-ms': '1' } },
          );
        }
        return HttpResponse.json(fixtureJson('embeddings/openai-base64.json') as object);
      }),
    );
    const retries: number[] = [];
    const result = await openai
      .embedding('text-embedding-3-small')
      .embed(['a', 'b'], { onRetry: (info) => retries.push(info.attempt) });
    expect(calls).toBe(2);
    expect(retries).toEqual([1]);
    expect(result.embeddings).toEqual([first, second]);
  });

  it('reports a refused key as AuthenticationError without the key, and does not retry', async () => {
    let calls = 0;
    server.use(
      http.post(`${baseURL}/embeddings`, () => {
        calls++;
        return HttpResponse.json(
          {
            error: { message: 'Incorrect API key provided: sk-test-key', code: 'invalid_api_key' },
          },
          { status: 401 },
        );
      }),
    );
    const error = await openai
      .embedding('text-embedding-3-small')
      .embed(['a'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).not.toContain('sk-test-key');
    expect(calls).toBe(1);
  });

  it('refuses a response with a vector missing, a bad base64 string, or mixed lengths', async () => {
    const model = openai.embedding('text-embedding-3-small');
    const base = fixtureJson('embeddings/openai-base64.json') as {
      data: Array<{ index: number; embedding: string }>;
    };
    const cases = [
      { data: base.data.slice(0, 1), message: /1 embeddings for 2 inputs/ },
      {
        data: [base.data[0], { ...base.data[1], embedding: 'not base64!' }],
        message: /data\[1\]\.embedding: invalid base64/,
      },
      {
        data: [base.data[0], { ...base.data[1], embedding: 'AAAAAA==' }],
        message: /1 dimensions, data\[0\] has 8/,
      },
      {
        data: [base.data[0], { ...base.data[1], index: 1 }],
        message: /two embeddings for input 1/,
      },
    ];
    for (const { data, message } of cases) {
      serve(`${baseURL}/embeddings`, { ...base, data });
      const error = await model.embed(['a', 'b']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: 'invalid_response' });
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses more texts than one request takes, pointing at embedMany', async () => {
    const model = createOpenAICompatible({ name: 'local', baseURL }).embedding('m', {
      maxBatchSize: 2,
    });
    await expect(model.embed(['a', 'b', 'c'])).rejects.toThrow(/use embedMany/);
  });

  it('says which variable to set when the key is missing', async () => {
    const previous = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const keyless = createOpenAI({ baseURL });
      await expect(keyless.embedding('text-embedding-3-small').embed(['a'])).rejects.toThrow(
        /OPENAI_API_KEY/,
      );
    } finally {
      if (previous !== undefined) process.env.OPENAI_API_KEY = previous;
    }
  });
});

describe('openai-compatible .embedding', () => {
  const local = 'http://localhost:11434/v1';

  it('accepts float arrays from servers that ignore encoding_format, with query params', async () => {
    const seen = serve(`${local}/embeddings`, fixtureJson('embeddings/compatible-float.json'));
    const ollama = createOpenAICompatible({
      name: 'ollama',
      baseURL: local,
      apiKey: 'local-key',
      queryParams: { 'api-version': '1' },
    });
    const model = ollama.embedding('nomic-embed-text');
    expect(model).toMatchObject({ provider: 'ollama', maxBatchSize: 512 });
    expect(model.encoding).toBeUndefined();
    const result = await model.embed(['a', 'b']);
    expect(result.embeddings).toEqual([first, second]);
    expect(seen.bodies[0]).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'base64' });
    expect(seen.headers[0]?.get('authorization')).toBe('Bearer local-key');
  });

  it('takes limits, an encoding and the float format from its settings', async () => {
    const seen = serve(`${local}/embeddings`, fixtureJson('embeddings/compatible-float.json'));
    const model = createOpenAICompatible({ name: 'vllm', baseURL: local }).embedding('bge', {
      maxBatchSize: 64,
      maxBatchTokens: 1000,
      maxInputTokens: 512,
      encoding: 'cl100k_base',
      encodingFormat: 'float',
    });
    expect(model).toMatchObject({
      maxBatchSize: 64,
      maxBatchTokens: 1000,
      maxInputTokens: 512,
      encoding: 'cl100k_base',
    });
    await model.embed(['a', 'b']);
    expect(seen.bodies[0]?.encoding_format).toBe('float');
    expect(seen.headers[0]?.get('authorization')).toBeNull();
  });
});
