import { describe, expect, it, onTestFinished } from 'vitest';
import { anthropicEvents, anthropicMessagesServer } from '../test-support/anthropic-wire.js';
import { type MockHandler, startMockServer, startSSE } from '../test-support/mock-server.js';
import { openAIChatServer, openAIChunks } from '../test-support/openai-wire.js';
import { describeRun, runExample, startExample } from '../test-support/run-example.js';

const reply = {
  text: 'A neural network passes numbers through layers of weighted sums. Training adjusts the weights to shrink the error. The result generalises to new inputs.',
  inputTokens: 15,
  outputTokens: 31,
};

async function serve(handler: MockHandler) {
  const server = await startMockServer(handler);
  onTestFinished(() => server.close());
  return server;
}

const openAIEnv = (url: string) => ({
  OPENAI_API_KEY: 'sk-test-openai-1234',
  OPENAI_BASE_URL: `${url}/v1`,
});

describe('stream example', () => {
  it('streams from OpenAI and prints the text, finish reason and usage', async () => {
    const server = await serve(openAIChatServer([reply]));
    const result = await runExample('stream/index.ts', { env: openAIEnv(server.url) });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(reply.text);
    expect(result.stdout).toContain('Finish reason: stop');
    expect(result.stdout).toContain('Usage: 15 input + 31 output = 46 tokens');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Explain neural networks in three sentences.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('streams from Anthropic (SSE with event lines) and prints the text and usage', async () => {
    const server = await serve(anthropicMessagesServer([reply]));
    const result = await runExample('stream/index.ts', {
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-5678', ANTHROPIC_BASE_URL: server.url },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(reply.text);
    expect(result.stdout).toContain('Finish reason: stop');
    expect(result.stdout).toContain('Usage: 15 input + 31 output = 46 tokens');
    expect(server.requests[0]?.path).toBe('/v1/messages');
    expect(server.requests[0]?.body).toMatchObject({ model: 'claude-sonnet-4-5', stream: true });
  });

  it('streams from an OpenAI-compatible server, with the prompt from the command line', async () => {
    const server = await serve(openAIChatServer([reply]));
    const result = await runExample('stream/index.ts', {
      args: ['Explain', 'transformers.'],
      env: { WEFT_BASE_URL: `${server.url}/v1`, WEFT_MODEL: 'qwen2.5:7b' },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(reply.text);
    expect(result.stdout).toContain('Usage: 15 input + 31 output = 46 tokens');
    expect(server.requests[0]?.body).toMatchObject({
      model: 'qwen2.5:7b',
      messages: [{ role: 'user', content: 'Explain transformers.' }],
      stream: true,
    });
  });

  it('aborts the request on Ctrl-C: the connection closes mid-stream and the example says so', async () => {
    const [first, second] = openAIChunks(reply, 'gpt-4o-mini', 'chatcmpl-held', {
      includeUsage: true,
    });
    const server = await serve((_request, res) => {
      // Two chunks, then the stream stays open, as a slow model's would.
      startSSE(res);
      res.write(first);
      res.write(second);
    });
    const run = startExample('stream/index.ts', { env: openAIEnv(server.url) });
    run.child.stdin?.end();
    await run.waitForStdout('A neural');
    run.child.kill('SIGINT');
    const result = await run.exited;

    expect(result.code, describeRun(result)).toBe(130);
    expect(result.stdout).toContain('Aborted (Ctrl-C): the request was cancelled.');
    expect(result.stdout).toContain('Usage: not reported by the provider');
    expect(await server.requests[0]?.closed).toEqual({ beforeEnd: true });
  });

  it('after Ctrl-C on an Anthropic stream, prints the input tokens reported at its start', async () => {
    const events = anthropicEvents(reply, 'msg_held');
    const server = await serve((_request, res) => {
      // message_start (with the input tokens), the text block, a ping and one delta; then
      // the stream stays open.
      startSSE(res);
      for (const event of events.slice(0, 4)) res.write(event);
    });
    const run = startExample('stream/index.ts', {
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-5678', ANTHROPIC_BASE_URL: server.url },
    });
    run.child.stdin?.end();
    await run.waitForStdout('A neural');
    run.child.kill('SIGINT');
    const result = await run.exited;

    expect(result.code, describeRun(result)).toBe(130);
    expect(result.stdout).toContain('Aborted (Ctrl-C): the request was cancelled.');
    expect(result.stdout).toContain('Usage: 15 input + ? output = ? tokens');
    expect(await server.requests[0]?.closed).toEqual({ beforeEnd: true });
  });

  it('reports a stream that breaks mid-way as an error, with exit code 1', async () => {
    const chunks = openAIChunks(reply, 'gpt-4o-mini', 'chatcmpl-broken', { includeUsage: true });
    const server = await serve((_request, res) => {
      startSSE(res);
      res.write(chunks[0]);
      res.write(chunks[1], () => res.destroy());
    });
    const result = await runExample('stream/index.ts', { env: openAIEnv(server.url) });

    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toContain('A neural');
    expect(result.stdout).not.toContain('Finish reason');
    expect(result.stderr).toMatch(/Error \[\w+\]: .*openai/);
    expect(server.requests).toHaveLength(1); // content had arrived: never retried
  });
});
