import { describe, expect, it, onTestFinished } from 'vitest';
import { anthropicMessagesServer, anthropicTurns } from '../test-support/anthropic-wire.js';
import { type MockHandler, startMockServer } from '../test-support/mock-server.js';
import { openAIChatServer } from '../test-support/openai-wire.js';
import { describeRun, runExample } from '../test-support/run-example.js';

const replies = [
  { text: 'Hello Ada! How can I help you today?', inputTokens: 20, outputTokens: 10 },
  { text: 'You told me your name is Ada.', inputTokens: 41, outputTokens: 9 },
  { text: 'A third reply nobody should see.', inputTokens: 60, outputTokens: 8 },
];
const system = { role: 'system', content: 'You are a helpful AI assistant.' };

async function serve(handler: MockHandler) {
  const server = await startMockServer(handler);
  onTestFinished(() => server.close());
  return server;
}

function openAIEnv(url: string) {
  return { OPENAI_API_KEY: 'sk-test-openai-1234', OPENAI_BASE_URL: `${url}/v1` };
}

describe('chat-repl example', () => {
  it('keeps the history across turns and leaves on "quit" while stdin stays open', async () => {
    const server = await serve(openAIChatServer(replies));
    const result = await runExample('chat-repl/index.ts', {
      env: openAIEnv(server.url),
      input: 'My name is Ada.\nWhat is my name?\nquit\nThis line comes after quit.\n',
      keepInputOpen: true,
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(`AI: ${replies[0]?.text}`);
    expect(result.stdout).toContain(`AI: ${replies[1]?.text}`);
    expect(result.stdout).not.toContain(replies[2]?.text);
    expect(result.stdout).toContain('Bye.');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.body.messages).toEqual([
      system,
      { role: 'user', content: 'My name is Ada.' },
    ]);
    expect(server.requests[1]?.body.messages).toEqual([
      system,
      { role: 'user', content: 'My name is Ada.' },
      { role: 'assistant', content: replies[0]?.text },
      { role: 'user', content: 'What is my name?' },
    ]);
  });

  it('leaves on "exit" while stdin stays open', async () => {
    const server = await serve(openAIChatServer(replies));
    const result = await runExample('chat-repl/index.ts', {
      env: openAIEnv(server.url),
      input: 'My name is Ada.\nexit\nThis line comes after exit.\n',
      keepInputOpen: true,
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(`AI: ${replies[0]?.text}`);
    expect(result.stdout).toContain('Bye.');
    expect(server.requests).toHaveLength(1);
  });

  it('answers the last line and leaves cleanly when stdin ends without "quit"', async () => {
    const server = await serve(openAIChatServer(replies));
    const result = await runExample('chat-repl/index.ts', {
      env: openAIEnv(server.url),
      input: 'My name is Ada.\n\nWhat is my name?\n',
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(`AI: ${replies[1]?.text}`);
    expect(result.stdout).toContain('Bye.');
    expect(server.requests).toHaveLength(2); // the empty line is not sent
  });

  it('keeps the history across turns with Anthropic', async () => {
    const server = await serve(anthropicMessagesServer(replies));
    const result = await runExample('chat-repl/index.ts', {
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-5678', ANTHROPIC_BASE_URL: server.url },
      input: 'My name is Ada.\nWhat is my name?\nquit\n',
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(`AI: ${replies[1]?.text}`);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.path).toBe('/v1/messages');
    expect(anthropicTurns(server.requests[1]?.body ?? {})).toEqual([
      { role: 'user', text: 'My name is Ada.' },
      { role: 'assistant', text: replies[0]?.text },
      { role: 'user', text: 'What is my name?' },
    ]);
  });

  it('keeps the history across turns with an OpenAI-compatible server', async () => {
    const server = await serve(openAIChatServer(replies));
    const result = await runExample('chat-repl/index.ts', {
      env: { WEFT_BASE_URL: `${server.url}/v1`, WEFT_MODEL: 'llama3.2' },
      input: 'My name is Ada.\nWhat is my name?\nquit\n',
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain(`AI: ${replies[1]?.text}`);
    expect(server.requests[1]?.body).toMatchObject({
      model: 'llama3.2',
      messages: [
        system,
        { role: 'user', content: 'My name is Ada.' },
        { role: 'assistant', content: replies[0]?.text },
        { role: 'user', content: 'What is my name?' },
      ],
    });
  });

  it('reports a failed turn, forgets it, and carries on', async () => {
    const ok = openAIChatServer(replies);
    const server = await serve((request, res, index) => {
      if (index === 0) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Bad request for the test.' } }));
        return;
      }
      return ok(request, res, 0);
    });
    const result = await runExample('chat-repl/index.ts', {
      env: openAIEnv(server.url),
      input: 'First try.\nSecond try.\nquit\n',
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain('Bad request for the test.');
    expect(result.stdout).toContain(`AI: ${replies[0]?.text}`);
    expect(server.requests[1]?.body.messages).toEqual([
      system,
      { role: 'user', content: 'Second try.' },
    ]);
  });
});
