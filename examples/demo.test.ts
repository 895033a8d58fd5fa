import { describe, expect, it, onTestFinished } from 'vitest';
import { offlineReply } from './shared/offline-server.js';
import { startMockServer } from './test-support/mock-server.js';
import { openAIChatServer } from './test-support/openai-wire.js';
import { describeRun, runExample } from './test-support/run-example.js';

describe('demo', () => {
  it('without a provider, says what to set and streams the offline demo’s scripted reply', async () => {
    const result = await runExample('demo.ts');

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('OFFLINE DEMO: no model provider is configured');
    for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'WEFT_BASE_URL', 'WEFT_MODEL']) {
      expect(result.stdout).toContain(name);
    }
    expect(result.stdout).toContain(offlineReply);
    expect(result.stdout).toContain('Finish reason: stop');
    expect(result.stdout).toMatch(/Usage: \d+ input \+ \d+ output = \d+ tokens/);
  });

  it('with a provider configured, streams from it and runs no offline server', async () => {
    const reply = {
      text: 'Layers of weighted sums, trained by gradient descent.',
      inputTokens: 15,
      outputTokens: 11,
    };
    const server = await startMockServer(openAIChatServer([reply]));
    onTestFinished(() => server.close());
    const result = await runExample('demo.ts', {
      env: { OPENAI_API_KEY: 'sk-test-openai-1234', OPENAI_BASE_URL: `${server.url}/v1` },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('Weft demo: streaming from openai/gpt-4o-mini');
    expect(result.stdout).toContain(reply.text);
    expect(result.stdout).toContain('Usage: 15 input + 11 output = 26 tokens');
    expect(result.stdout).not.toContain('OFFLINE');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({ stream: true });
  });
});
