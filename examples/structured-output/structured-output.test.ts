import { describe, expect, it, onTestFinished } from 'vitest';
import {
  type MockHandler,
  type ReceivedRequest,
  sendJson,
  startMockServer,
  startSSE,
} from '../test-support/mock-server.js';
import { openAIChatServer } from '../test-support/openai-wire.js';
import { describeRun, runExample } from '../test-support/run-example.js';

const event = {
  title: 'Quarterly planning review',
  date: '2026-03-12',
  startTime: '14:30',
  location: 'Room Ada, 3rd floor',
  attendees: [
    { name: 'Priya', role: 'facilitator' },
    { name: 'Tom', role: 'finance' },
  ],
  topics: ['hiring plan', 'Q2 budget'],
};

async function serve(handler: MockHandler) {
  const server = await startMockServer(handler);
  onTestFinished(() => server.close());
  return server;
}

/**
 * Anthropic Messages answering with one tool_use block whose input is `input`: a message
 * object, or SSE with the input streamed as input_json_delta pieces.
 */
function anthropicToolServer(input: unknown): MockHandler {
  return (request: ReceivedRequest, res) => {
    const tools = request.body.tools as Array<{ name: string }> | undefined;
    const name = tools?.[0]?.name ?? 'json_response';
    const usage = { input_tokens: 402, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
    const message = {
      id: 'msg_weft_test_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'tool_use', id: 'toolu_weft_test_1', name, input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { ...usage, output_tokens: 96, service_tier: 'standard' },
    };
    if (request.body.stream !== true) {
      sendJson(res, 200, message, { 'request-id': 'req_test_1' });
      return;
    }
    const json = JSON.stringify(input);
    const pieces = json.match(/.{1,24}/g) ?? [];
    const events = [
      {
        type: 'message_start',
        message: {
          ...message,
          content: [],
          stop_reason: null,
          usage: { ...usage, output_tokens: 1 },
        },
      },
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_weft_test_1', name, input: {} },
      },
      ...pieces.map((partial_json) => ({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json },
      })),
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 96 },
      },
      { type: 'message_stop' },
    ];
    startSSE(res, { 'request-id': 'req_test_1' });
    for (const data of events) res.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
    res.end();
  };
}

const openAIEnv = (url: string) => ({
  OPENAI_API_KEY: 'sk-test-openai-1234',
  OPENAI_BASE_URL: `${url}/v1`,
});

describe('structured-output example', () => {
  it('extracts the event with OpenAI strict json_schema, optional fields sent as nullable', async () => {
    // Strict mode answers every property; `null` marks one the text did not give.
    const answer = JSON.stringify({ ...event, location: null });
    const server = await serve(
      openAIChatServer([{ text: answer, inputTokens: 180, outputTokens: 70 }]),
    );
    const result = await runExample('structured-output/index.ts', { env: openAIEnv(server.url) });

    expect(result.code, describeRun(result)).toBe(0);
    const printed = JSON.parse(result.stdout.slice(0, result.stdout.indexOf('\n}\n') + 2));
    expect(printed).toEqual({ ...event, location: undefined });
    expect(printed).not.toHaveProperty('location');
    expect(result.stdout).toContain('2 attendees, 2 topics');
    expect(result.stdout).toContain('Usage: 180 input + 70 output = 250 tokens');
    const format = server.requests[0]?.body.response_format as Record<
      string,
      Record<string, unknown>
    >;
    expect(format.json_schema).toMatchObject({
      name: 'event',
      strict: true,
      schema: {
        additionalProperties: false,
        required: ['title', 'date', 'startTime', 'location', 'attendees', 'topics'],
        properties: { location: { type: ['string', 'null'] } },
      },
    });
  });

  it('repairs an answer that breaks the schema with a second request', async () => {
    const bad = JSON.stringify({ ...event, date: 'March 12th' });
    const server = await serve(
      openAIChatServer([
        { text: bad, inputTokens: 180, outputTokens: 70 },
        { text: JSON.stringify(event), inputTokens: 290, outputTokens: 70 },
      ]),
    );
    const result = await runExample('structured-output/index.ts', { env: openAIEnv(server.url) });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('"date": "2026-03-12"');
    expect(result.stdout).toContain('one repair round fixed it');
    expect(result.stdout).toContain('Usage: 470 input + 140 output = 610 tokens');
    expect(server.requests).toHaveLength(2);
    const messages = server.requests[1]?.body.messages as Array<{ role: string; content: string }>;
    expect(messages.at(-1)?.content).toMatch(/- date: /);
  });

  it('reports an answer that stays invalid as a no_object_generated error', async () => {
    const server = await serve(
      openAIChatServer([{ text: 'Sorry, I cannot do that.', inputTokens: 10, outputTokens: 6 }]),
    );
    const result = await runExample('structured-output/index.ts', { env: openAIEnv(server.url) });

    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toContain('Error [no_object_generated]');
    expect(server.requests).toHaveLength(2);
  });

  it('extracts the event with Anthropic through a forced tool call, streamed with --stream', async () => {
    const server = await serve(anthropicToolServer(event));
    const result = await runExample('structured-output/index.ts', {
      args: ['--stream'],
      env: { ANTHROPIC_API_KEY: 'sk-ant-test-5678', ANTHROPIC_BASE_URL: server.url },
    });

    expect(result.code, describeRun(result)).toBe(0);
    const partials = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('partial: '))
      .map((line) => JSON.parse(line.slice('partial: '.length)));
    expect(partials.length).toBeGreaterThan(3);
    expect(partials[0]).not.toEqual(event);
    expect(partials.at(-1)).toEqual(event);
    expect(result.stdout).toContain('"title": "Quarterly planning review"');
    expect(server.requests[0]?.body).toMatchObject({
      stream: true,
      tool_choice: { type: 'tool', name: 'event' },
      tools: [{ name: 'event', input_schema: { type: 'object' } }],
    });
  });

  it('extracts the event from a compatible server in JSON mode, fenced answer included', async () => {
    const fenced = `\`\`\`json\n${JSON.stringify(event, null, 2)}\n\`\`\``;
    const server = await serve(
      openAIChatServer([{ text: fenced, inputTokens: 350, outputTokens: 90 }]),
    );
    const result = await runExample('structured-output/index.ts', {
      env: { WEFT_BASE_URL: `${server.url}/v1`, WEFT_MODEL: 'llama3.2' },
    });

    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('"location": "Room Ada, 3rd floor"');
    expect(server.requests[0]?.body.response_format).toEqual({ type: 'json_object' });
    const messages = server.requests[0]?.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]?.content).toContain('JSON Schema:');
  });
});
