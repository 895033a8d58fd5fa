import { describe, expect, it, onTestFinished } from 'vitest';
import { sendJson, startMockServer } from '../test-support/mock-server.js';
import { describeRun, runExample } from '../test-support/run-example.js';

/** The rows of the side-by-side table under a query: [vector, keyword, hybrid] ids per rank. */
function table(stdout: string, query: string): string[][] {
  const section = stdout.split(`Query: ${query}`)[1] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\d\. /.test(line))
    .slice(0, 3)
    .map((line) => line.split(' | ').map((cell) => cell.trim().replace(/^\d\. (\S+).*$/, '$1')));
}

describe('hybrid-search example', () => {
  it('runs offline with the hashing embedder and prints the three rankings side by side', async () => {
    const result = await runExample('hybrid-search/index.ts', { env: {} });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain('offline hashing embedder');
    expect(result.stdout).toContain('8 passages indexed (local/hashing-512).');
    expect(result.stdout).toMatch(/vector\s+\| keyword \(BM25\)\s+\| hybrid \(RRF\)/);
    const rows = table(result.stdout, 'error E1042 on upload');
    expect(rows).toHaveLength(3);
    // The passage that both rankings place high wins the fusion.
    expect(rows[0]?.[2]).toBe('error-e1042');
    expect(result.stdout).toContain('Best hybrid match: "Upload fails with E1042');
  });

  it('takes the query from the command line', async () => {
    const result = await runExample('hybrid-search/index.ts', { env: {}, args: ['HNSW', 'index'] });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('Query: HNSW index');
    expect(table(result.stdout, 'HNSW index')[0]).toEqual([
      'hnsw-index',
      'hnsw-index',
      'hnsw-index',
    ]);
  });

  it('embeds with OpenAI text-embedding-3-small when OPENAI_API_KEY is set', async () => {
    // Vectors by topic, so that the mock's answer decides the vector ranking.
    const vectorFor = (text: string) =>
      Float32Array.from([/cat/i.test(text) ? 1 : 0, /upload|E1042/i.test(text) ? 1 : 0, 0.1]);
    const server = await startMockServer((request, res) => {
      const input = request.body.input as string[];
      sendJson(res, 200, {
        object: 'list',
        data: input.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: Buffer.from(vectorFor(text).buffer).toString('base64'),
        })),
        model: request.body.model,
        usage: { prompt_tokens: 10, total_tokens: 10 },
      });
    });
    onTestFinished(() => server.close());
    const result = await runExample('hybrid-search/index.ts', {
      env: { OPENAI_API_KEY: 'sk-test-hybrid-1234', OPENAI_BASE_URL: `${server.url}/v1` },
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain('Model: openai/text-embedding-3-small');
    expect(server.requests[0]?.body).toMatchObject({ model: 'text-embedding-3-small' });
    expect(server.requests[0]?.body.input).toHaveLength(8);
    // The passages, then one request per query for each vector-backed retriever.
    expect(server.requests.map((request) => request.body.input)).toContainEqual([
      'how do cats show they are happy',
    ]);
    expect(result.stdout).toContain('8 passages indexed (openai/text-embedding-3-small).');
    expect(table(result.stdout, 'how do cats show they are happy')[0]?.[0]).toMatch(/^cats-/);
  });
});
