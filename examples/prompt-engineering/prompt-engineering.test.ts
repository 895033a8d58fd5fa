import { describe, expect, it, onTestFinished } from 'vitest';
import {
  anthropicMessagesServer,
  anthropicSystemText,
  anthropicTurns,
} from '../test-support/anthropic-wire.js';
import { type MockHandler, startMockServer } from '../test-support/mock-server.js';
import { openAIChatServer } from '../test-support/openai-wire.js';
import { describeRun, runExample } from '../test-support/run-example.js';

const vagueReply = {
  text: 'Vector databases store embeddings and are used in many AI applications.',
  inputTokens: 13,
  outputTokens: 14,
};
const specificReply = {
  text: '- What: a store that finds texts by meaning.\n- Why: search works even without the exact words.\n- Trade-off: answers are approximate.',
  inputTokens: 150,
  outputTokens: 32,
};

async function serve(handler: MockHandler) {
  const server = await startMockServer(handler);
  onTestFinished(() => server.close());
  return server;
}

const expectedSystem =
  'You are a senior engineer who mentors new colleagues. Your reader is a product manager with no database background. Answer in exactly three bullet points: What, Why, Trade-off. Use no jargon without explaining it. Stay under 80 words.';

describe('prompt-engineering example', () => {
  it('sends a vague prompt, then a specific one with role, audience, format and a few-shot example', async () => {
    const server = await serve(openAIChatServer([vagueReply, specificReply]));
    const result = await runExample('prompt-engineering/index.ts', {
      env: { OPENAI_API_KEY: 'sk-test-openai-1234', OPENAI_BASE_URL: `${server.url}/v1` },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(server.requests).toHaveLength(2);
    const [vague, specific] = server.requests;
    expect(vague?.body.messages).toEqual([
      { role: 'user', content: 'Tell me about vector databases.' },
    ]);
    const messages = specific?.body.messages as Array<{ role: string; content: string }>;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]?.content).toBe(expectedSystem);
    expect(messages[1]?.content).toBe('Explain a hash index.');
    expect(messages[2]?.content).toMatch(/^- What: .*\n- Why: .*\n- Trade-off: /);
    expect(messages[3]?.content).toBe('Explain vector databases.');
    expect(specific?.body).toMatchObject({ temperature: 0.3, max_completion_tokens: 200 });

    expect(result.stdout).toContain(`--- Vague prompt ---\n${vagueReply.text}`);
    expect(result.stdout).toContain(specificReply.text);
    expect(result.stdout).toContain('Usage: 13 input + 14 output = 27 tokens');
    expect(result.stdout).toContain('Usage: 150 input + 32 output = 182 tokens');
    // gpt-4o-mini: 150 x $0.15 + 32 x $0.60 per million.
    expect(result.stdout).toContain('Cost: $0.000042 at list prices');
  });

  it('explains the topic given on the command line, over Anthropic with the system prompt hoisted', async () => {
    const server = await serve(anthropicMessagesServer([vagueReply, specificReply]));
    const result = await runExample('prompt-engineering/index.ts', {
      args: ['event', 'sourcing'],
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-5678', ANTHROPIC_BASE_URL: server.url },
    });

    expect(result.code, describeRun(result)).toBe(0);
    const [vague, specific] = server.requests;
    expect(anthropicTurns(vague?.body ?? {})).toEqual([
      { role: 'user', text: 'Tell me about event sourcing.' },
    ]);
    expect(anthropicSystemText(specific?.body ?? {})).toBe(expectedSystem);
    expect(anthropicTurns(specific?.body ?? {}).map((turn) => turn.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    expect(anthropicTurns(specific?.body ?? {}).at(-1)?.text).toBe('Explain event sourcing.');
    // claude-sonnet-4-5: 150 x $3 + 32 x $15 per million.
    expect(result.stdout).toContain('Cost: $0.000930 at list prices');
  });
});
