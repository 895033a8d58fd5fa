import { describe, expect, it, onTestFinished } from 'vitest';
import { type MockHandler, sendJson, startMockServer } from '../test-support/mock-server.js';
import { describeRun, runExample } from '../test-support/run-example.js';

/**
 * OpenAI's `/embeddings` as the API answers `encoding_format: 'base64'`: each vector the
 * base64 of its little-endian float32 bytes. Sentences about the same topic get nearby
 * vectors: [cats, markets] axes plus a small per-sentence offset.
 */
function vectorFor(text: string): Float32Array {
  const cats = /cat|kitten/i.test(text) ? 1 : 0;
  const markets = /stock|share/i.test(text) ? 1 : 0;
  return Float32Array.from([cats, markets, (text.length % 7) / 20]);
}

function embeddingsServer(): MockHandler {
  return (request, res, index) => {
    if (request.method !== 'POST' || !request.path.split('?')[0]?.endsWith('/embeddings')) {
      sendJson(res, 404, { error: { message: `Unknown path ${request.path}` } });
      return;
    }
    const input = request.body.input as string[];
    sendJson(
      res,
      200,
      {
        object: 'list',
        data: input.map((text, i) => ({
          object: 'embedding',
          index: i,
          embedding: Buffer.from(vectorFor(text).buffer).toString('base64'),
        })),
        model: request.body.model,
        usage: { prompt_tokens: 31, total_tokens: 31 },
      },
      { 'x-request-id': `req_test_${index + 1}` },
    );
  };
}

async function serve() {
  const server = await startMockServer(embeddingsServer());
  onTestFinished(() => server.close());
  return server;
}

describe('embeddings example', () => {
  it('embeds the sentences with OpenAI in one request and ranks the pairs by similarity', async () => {
    const server = await serve();
    const result = await runExample('embeddings/index.ts', {
      env: { OPENAI_API_KEY: 'sk-test-openai-1234', OPENAI_BASE_URL: `${server.url}/v1` },
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain('Model: openai/text-embedding-3-small');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({
      model: 'text-embedding-3-small',
      encoding_format: 'base64',
      input: [
        'The cat sits on the mat.',
        'A kitten is resting on a rug.',
        'Stock markets fell sharply today.',
        'Shares dropped across the exchange this afternoon.',
      ],
    });
    const lines = result.stdout.split('\n').filter((line) => line.includes('<->'));
    expect(lines).toHaveLength(6);
    // The two same-topic pairs come first, each close to 1.
    expect(lines.slice(0, 2).join('\n')).toMatch(/cat sits.*kitten/);
    expect(lines.slice(0, 2).join('\n')).toMatch(/Stock markets.*Shares dropped/);
    expect(Number.parseFloat(lines[0] ?? '')).toBeGreaterThan(0.9);
    expect(Number.parseFloat(lines.at(-1) ?? '')).toBeLessThan(0.2);
    expect(result.stdout).toContain('4 sentences, 3 dimensions each.');
    expect(result.stdout).toContain('Usage: 31 input tokens');
  });

  it('uses an OpenAI-compatible server named by WEFT_BASE_URL and WEFT_EMBEDDING_MODEL', async () => {
    const server = await serve();
    const result = await runExample('embeddings/index.ts', {
      args: ['a cat', 'a kitten'],
      env: { WEFT_BASE_URL: `${server.url}/v1`, WEFT_EMBEDDING_MODEL: 'nomic-embed-text' },
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(server.requests[0]?.body).toMatchObject({
      model: 'nomic-embed-text',
      input: ['a cat', 'a kitten'],
    });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(result.stdout).toMatch(/"a cat"\s+<->\s+"a kitten"/);
  });

  it('says what to set and exits 1 when no model is configured', async () => {
    const result = await runExample('embeddings/index.ts', { env: {} });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toContain('No embedding model is configured.');
    expect(result.stderr).toContain('OPENAI_API_KEY');
    expect(result.stderr).toContain('WEFT_EMBEDDING_MODEL');
  });
});
