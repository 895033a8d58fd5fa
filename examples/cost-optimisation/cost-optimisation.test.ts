import { describe, expect, it, onTestFinished } from 'vitest';
import { type MockHandler, sendJson, startMockServer } from '../test-support/mock-server.js';
import { openAICompletion } from '../test-support/openai-wire.js';
import { describeRun, runExample } from '../test-support/run-example.js';

/** An OpenAI-format server: answers per model; the strong model is overloaded at first. */
function costServer(options: { strongFailures: number }): MockHandler {
  let strongCalls = 0;
  return (request, res) => {
    const modelId = String(request.body.model);
    if (modelId === 'gpt-4o' && strongCalls++ < options.strongFailures) {
      sendJson(res, 503, {
        error: { message: 'The server is overloaded.', type: 'server_error', code: null },
      });
      return;
    }
    const long = modelId !== 'gpt-4o-mini';
    sendJson(
      res,
      200,
      openAICompletion(
        {
          text: `Answer from ${modelId}.`,
          inputTokens: long ? 60 : 12,
          outputTokens: long ? 200 : 20,
        },
        modelId,
        `chatcmpl-${modelId}`,
      ),
    );
  };
}

describe('cost-optimisation example', () => {
  it('routes, caches repeats, falls back on a 503, and reports the costs', async () => {
    const server = await startMockServer(costServer({ strongFailures: 1 }));
    onTestFinished(() => server.close());
    const result = await runExample('cost-optimisation/index.ts', {
      env: { OPENAI_API_KEY: 'sk-test-cost-1234', OPENAI_BASE_URL: `${server.url}/v1` },
    });
    expect(result.code, describeRun(result)).toBe(0);

    // 6 questions, 2 repeats answered from the cache, 1 failed strong call + its fallback.
    const models = server.requests.map((request) => request.body.model);
    expect(models).toEqual(['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4o-mini', 'gpt-4o']);
    expect(result.stdout).toMatch(
      /#1 What is a token\?\n\s+route: cheap, answered by: gpt-4o-mini/,
    );
    expect(result.stdout).toMatch(
      /#2 Compare BM25.*\n\s+route: backup, answered by: gpt-4.1-mini, fallback after: router\(cheap,strong\) \(provider_error\)/,
    );
    expect(result.stdout).toMatch(
      /#3 What is a token\?\n\s+route: cache, answered by: cache.*cost: \$0\.000000/,
    );
    expect(result.stdout).toMatch(
      /#5 Design an evaluation.*\n\s+route: strong, answered by: gpt-4o,/,
    );
    expect(result.stdout).toContain('Total: $');
    expect(result.stdout).toContain('for 4 calls (2 answered from cache)');
    expect(result.stdout).toMatch(
      /The same answers on gpt-4o alone, without cache: \$\d+\.\d{6} \(saved \d+%\)/,
    );
  });

  it('says what to set and exits 1 when no provider is configured', async () => {
    const result = await runExample('cost-optimisation/index.ts', { env: {} });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toContain('OPENAI_API_KEY');
  });
});
