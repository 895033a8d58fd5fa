import { describe, expect, it, onTestFinished } from 'vitest';
import {
  anthropicMessagesServer,
  anthropicSystemText,
  anthropicTurns,
} from '../test-support/anthropic-wire.js';
import { type MockHandler, sendJson, startMockServer } from '../test-support/mock-server.js';
import { openAIChatServer } from '../test-support/openai-wire.js';
import { describeRun, runExample } from '../test-support/run-example.js';

const reply = {
  text: 'RAG retrieves passages relevant to a question from your own documents. The model then answers from those passages instead of from memory alone.',
  inputTokens: 27,
  outputTokens: 26,
};

async function serve(handler: MockHandler) {
  const server = await startMockServer(handler);
  onTestFinished(() => server.close());
  return server;
}

describe('chat example', () => {
  it('asks OpenAI with a system message, temperature and max tokens, and prints answer and usage', async () => {
    const server = await serve(openAIChatServer([reply]));
    const result = await runExample('chat/index.ts', {
      env: { OPENAI_API_KEY: 'sk-test-openai-1234', OPENAI_BASE_URL: `${server.url}/v1` },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(reply.text);
    expect(result.stdout).toContain('Usage: 27 input + 26 output = 53 tokens');
    expect(result.stderr).toContain('Model: openai/gpt-4o-mini');
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test-openai-1234');
    expect(request?.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Explain RAG in 2 sentences.' },
      ],
      temperature: 0.7,
      max_completion_tokens: 200,
    });
    expect(request?.body.stream).toBeUndefined();
  });

  it('asks the question given on the command line, with the model named by WEFT_MODEL', async () => {
    const server = await serve(openAIChatServer([reply]));
    const result = await runExample('chat/index.ts', {
      args: ['What', 'is', 'BM25?'],
      env: {
        OPENAI_API_KEY: 'sk-test-openai-1234',
        OPENAI_BASE_URL: `${server.url}/v1`,
        WEFT_MODEL: 'gpt-4.1-nano',
      },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(server.requests[0]?.body).toMatchObject({
      model: 'gpt-4.1-nano',
      messages: [{ role: 'system' }, { role: 'user', content: 'What is BM25?' }],
    });
  });

  it('asks Anthropic with the system prompt hoisted, temperature and max_tokens', async () => {
    const server = await serve(anthropicMessagesServer([reply]));
    const result = await runExample('chat/index.ts', {
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-5678', ANTHROPIC_BASE_URL: server.url },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(reply.text);
    expect(result.stdout).toContain('Usage: 27 input + 26 output = 53 tokens');
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe('sk-ant-test-5678');
    expect(request?.headers['anthropic-version']).toBeTruthy();
    expect(request?.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      temperature: 0.7,
      max_tokens: 200,
    });
    expect(anthropicSystemText(request?.body ?? {})).toBe('You are a helpful assistant.');
    expect(anthropicTurns(request?.body ?? {})).toEqual([
      { role: 'user', text: 'Explain RAG in 2 sentences.' },
    ]);
  });

  it('asks an OpenAI-compatible server given by WEFT_BASE_URL and WEFT_MODEL', async () => {
    const server = await serve(openAIChatServer([reply]));
    const result = await runExample('chat/index.ts', {
      env: {
        WEFT_BASE_URL: `${server.url}/v1`,
        WEFT_MODEL: 'llama3.2',
        WEFT_API_KEY: 'local-key-9999',
      },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(reply.text);
    expect(result.stdout).toContain('Usage: 27 input + 26 output = 53 tokens');
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer local-key-9999');
    expect(request?.body).toMatchObject({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Explain RAG in 2 sentences.' },
      ],
      temperature: 0.7,
      max_tokens: 200,
    });
  });

  it('sends no Authorization header to a compatible server when WEFT_API_KEY is unset', async () => {
    const server = await serve(openAIChatServer([reply]));
    const result = await runExample('chat/index.ts', {
      env: { WEFT_BASE_URL: `${server.url}/v1`, WEFT_MODEL: 'llama3.2' },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('reports a refused key as an error with exit code 1, without printing the key', async () => {
    const server = await serve((_request, res) =>
      sendJson(res, 401, {
        error: {
          message: 'Incorrect API key provided: sk-test-wrong-key-4321.',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      }),
    );
    const result = await runExample('chat/index.ts', {
      env: { OPENAI_API_KEY: 'sk-test-wrong-key-4321', OPENAI_BASE_URL: `${server.url}/v1` },
    });

    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toContain('Error [authentication]');
    expect(result.stderr).toContain('HTTP 401');
    expect(result.stdout + result.stderr).not.toContain('sk-test-wrong-key-4321');
    expect(server.requests).toHaveLength(1); // 401 is never retried
  });
});
