import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import {
  anthropicSSE,
  chunkedStream,
  fixtureChunks,
  fixtureJson,
  sseHeaders,
} from '../../test/support/sse.js';
import { AuthenticationError, ContextLengthError, ProviderError } from '../errors/errors.js';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import { anthropic, createAnthropic } from './anthropic-provider.js';

const server = useMswServer();
const baseURL = 'https://anthropic.test';
const messagesURL = `${baseURL}/v1/messages`;
const model = createAnthropic({ apiKey: 'sk-ant-test-key', baseURL }).chat('claude-sonnet-4-5');
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string' } },
    required: ['city'],
  },
};
const ragAnswer = 'Retrieval-augmented generation grounds answers in your documents.';

afterEach(() => {
  vi.unstubAllEnvs();
});

interface ServeOptions {
  url?: string;
  status?: number;
  headers?: Record<string, string>;
}

function serveJson(fixture: string, options: ServeOptions = {}) {
  const seen = recordBodies();
  server.use(
    http.post(options.url ?? messagesURL, async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json(fixtureJson(fixture) as Record<string, unknown>, {
        status: options.status ?? 200,
        headers: { 'request-id': 'req_anthropic_1', ...options.headers },
      });
    }),
  );
  return seen;
}

function serveEvents(events: unknown[], chunkSize = 7) {
  const seen = recordBodies();
  server.use(
    http.post(messagesURL, async ({ request }) => {
      await seen.record(request);
      const body = anthropicSSE(events as Array<{ type: string }>);
      return new HttpResponse(chunkedStream(body, chunkSize), {
        headers: { ...sseHeaders, 'request-id': 'req_anthropic_2' },
      });
    }),
  );
  return seen;
}

function serveStream(fixture: string, chunkSize = 7) {
  return serveEvents(fixtureChunks(`anthropic/${fixture}`), chunkSize);
}

async function collect(events: AsyncIterable<ChatStreamEvent>): Promise<ChatStreamEvent[]> {
  const all: ChatStreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('Anthropic provider: text', () => {
  it('generates text and reports usage with cache tokens, finish reason and metadata', async () => {
    const seen = serveJson('anthropic/text.json');
    const result = await generateText({
      model,
      system: 'You are terse.',
      prompt: 'What is RAG?',
      temperature: 0.2,
      topP: 0.9,
      maxOutputTokens: 100,
      stopSequences: ['END'],
    });
    expect(result.text).toBe(ragAnswer);
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('end_turn');
    expect(result.usage).toEqual({
      inputTokens: 21 + 1024 + 100,
      cachedInputTokens: 1024,
      cacheWriteTokens: 100,
      outputTokens: 9,
      totalTokens: 21 + 1024 + 100 + 9,
    });
    expect(result.response).toMatchObject({
      id: 'msg_01WeftText0002',
      modelId: 'claude-sonnet-4-5-20250929',
      requestId: 'req_anthropic_1',
    });
    expect(result.warnings).toEqual([]);
    expect(seen.bodies[0]).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'What is RAG?' }],
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
    });
  });

  it('sends the key and API version, and asks for 4096 output tokens when no limit is set', async () => {
    const seen = serveJson('anthropic/text.json');
    await generateText({ model, prompt: 'Hi' });
    expect(seen.headers[0]?.get('x-api-key')).toBe('sk-ant-test-key');
    expect(seen.headers[0]?.get('anthropic-version')).toBe('2023-06-01');
    expect(seen.headers[0]?.get('content-type')).toBe('application/json');
    expect(seen.headers[0]?.get('authorization')).toBeNull();
    expect(seen.bodies[0]?.max_tokens).toBe(4096);
  });

  it.each([1, 5, 13])('streams text deltas in order over %i-byte network chunks', async (size) => {
    const seen = serveStream('text.chunks.txt', size);
    const result = streamText({ model, prompt: 'What is RAG?' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual([
      'Retrieval',
      '-augmented',
      ' generation',
      ' grounds',
      ' answers',
      ' in',
      ' your',
      ' documents',
      '.',
    ]);
    expect(await result.text).toBe(ragAnswer);
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toEqual({
      inputTokens: 1045,
      cachedInputTokens: 1024,
      cacheWriteTokens: 0,
      outputTokens: 9,
      totalTokens: 1054,
    });
    expect(seen.bodies[0]).toMatchObject({ stream: true, max_tokens: 4096 });
  });

  it('ignores ping events and empty text deltas, and ends with usage then finish', async () => {
    serveStream('text.chunks.txt');
    const events = await collect(streamText({ model, prompt: 'Hi' }));
    expect(events.map((event) => event.type)).toEqual([
      'start',
      ...Array<string>(9).fill('text-delta'),
      'usage',
      'finish',
    ]);
    expect(events[0]).toMatchObject({ type: 'start', requestId: 'req_anthropic_2' });
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: { outputTokens: 9 },
      response: { id: 'msg_01WeftTextStream0001', modelId: 'claude-sonnet-4-5-20250929' },
    });
  });

  it('ends the stream with an error event when Anthropic sends an error event mid-stream', async () => {
    serveStream('overloaded-mid-stream.chunks.txt', 9);
    const result = streamText({ model, prompt: 'Hi' });
    const events = await collect(result);
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas).toEqual(['Retrieval', '-augmented']);
    expect(events.at(-2)).toEqual({
      type: 'usage',
      usage: expect.objectContaining({ inputTokens: 21 }),
    });
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    const error = last?.type === 'error' ? last.error : undefined;
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error?.message).toContain('overloaded_error');
    expect((error as ProviderError).retryable).toBe(false);
    await expect(result.text).rejects.toThrow(/overloaded_error/);
    expect(await result.usage).toMatchObject({ inputTokens: 21 });
  });

  it('reports a stream that stops before message_stop as incomplete', async () => {
    const events = fixtureChunks('anthropic/text.chunks.txt').slice(0, -1);
    serveEvents(events);
    const result = streamText({ model, prompt: 'Hi' });
    await expect(result.text).rejects.toMatchObject({ code: 'stream_incomplete' });
    expect(await result.usage).toMatchObject({ inputTokens: 1045, outputTokens: 9 });
  });

  it('sends images as url and base64 sources, turning data: URLs into base64', async () => {
    const seen = serveJson('anthropic/text.json');
    await generateText({
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image', url: 'https://example.com/a.png' },
            { type: 'image', base64: 'iVBORw0KGgo=', mediaType: 'image/png' },
            { type: 'image', url: 'data:image/jpeg;base64,/9j/4AAQ' },
          ],
        },
      ],
    });
    expect(seen.bodies[0]?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          {
            type: 'image',
            source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
          },
          {
            type: 'image',
            source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' },
          },
        ],
      },
    ]);
  });
});

describe('Anthropic provider: tools', () => {
  it('streams two tool calls whose arguments arrive over many chunks', async () => {
    const seen = serveStream('two-tool-calls.chunks.txt', 11);
    const result = streamText({
      model,
      prompt: 'Weather in Paris and Tokyo?',
      tools: [weatherTool],
    });
    const events = await collect(result);
    expect(events.filter((event) => event.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'toolu_01WeftParis',
        toolName: 'get_weather',
        input: { city: 'Paris', unit: 'celsius' },
        inputText: '{"city": "Paris", "unit": "celsius"}',
      },
      {
        type: 'tool-call',
        toolCallId: 'toolu_02WeftTokyo',
        toolName: 'get_weather',
        input: { city: 'Tokyo', unit: 'celsius' },
        inputText: '{"city": "Tokyo", "unit": "celsius"}',
      },
    ]);
    const parisDeltas = events.filter(
      (event) => event.type === 'tool-call-delta' && event.toolCallId === 'toolu_01WeftParis',
    );
    expect(parisDeltas).toHaveLength(10);
    expect(events.filter((event) => event.type === 'tool-call-start')).toEqual([
      { type: 'tool-call-start', toolCallId: 'toolu_01WeftParis', toolName: 'get_weather' },
      { type: 'tool-call-start', toolCallId: 'toolu_02WeftTokyo', toolName: 'get_weather' },
    ]);
    expect(await result.text).toBe("I'll check both cities.");
    expect(await result.finishReason).toBe('tool-calls');
    expect(await result.usage).toMatchObject({ inputTokens: 412, outputTokens: 118 });
    expect(seen.bodies[0]?.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather for a city',
        input_schema: weatherTool.inputSchema,
      },
    ]);
  });

  it('generates two tool calls in one response', async () => {
    serveJson('anthropic/two-tool-calls.json');
    const result = await generateText({
      model,
      prompt: 'Weather in Paris and Tokyo?',
      tools: [weatherTool],
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.rawFinishReason).toBe('tool_use');
    expect(result.text).toBe("I'll check both cities.");
    expect(result.toolCalls.map((call) => [call.toolCallId, call.input])).toEqual([
      ['toolu_01WeftParis', { city: 'Paris', unit: 'celsius' }],
      ['toolu_02WeftTokyo', { city: 'Tokyo', unit: 'celsius' }],
    ]);
    expect(result.content.map((part) => part.type)).toEqual(['text', 'tool-call', 'tool-call']);
  });

  it('gives {} for a tool called without arguments, streamed or not', async () => {
    const noArgs = { name: 'get_time', inputSchema: { type: 'object', properties: {} } };
    serveStream('tool-no-args.chunks.txt', 3);
    const streamed = streamText({ model, prompt: 'Time?', tools: [noArgs] });
    expect(await streamed.toolCalls).toEqual([
      { toolCallId: 'toolu_03WeftTime', toolName: 'get_time', input: {}, inputText: '' },
    ]);
    serveJson('anthropic/tool-no-args.json');
    const generated = await generateText({ model, prompt: 'Time?', tools: [noArgs] });
    expect(generated.toolCalls).toEqual([
      { toolCallId: 'toolu_03WeftTime', toolName: 'get_time', input: {}, inputText: '{}' },
    ]);
  });

  it('sends a tool round trip as alternating turns with tool_result blocks and one system prompt', async () => {
    const seen = serveJson('anthropic/text.json');
    const messages: Message[] = [
      { role: 'system', content: 'You are a weather bot.' },
      { role: 'user', content: 'Weather in Paris' },
      { role: 'user', content: 'and Tokyo?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: "I'll check both cities." },
          {
            type: 'tool-call',
            toolCallId: 'toolu_01WeftParis',
            toolName: 'get_weather',
            input: { city: 'Paris' },
          },
          {
            type: 'tool-call',
            toolCallId: 'toolu_02WeftTokyo',
            toolName: 'get_weather',
            input: { city: 'Tokyo' },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_01WeftParis',
            toolName: 'get_weather',
            output: { tempC: 18 },
          },
          {
            type: 'tool-result',
            toolCallId: 'toolu_02WeftTokyo',
            toolName: 'get_weather',
            output: 'service unavailable',
            isError: true,
          },
        ],
      },
      { role: 'system', content: 'Answer in one sentence.' },
      { role: 'user', content: 'Summarise.' },
    ];
    const result = await generateText({ model, messages, tools: [weatherTool] });
    expect(seen.bodies[0]?.system).toBe('You are a weather bot.\n\nAnswer in one sentence.');
    expect(seen.bodies[0]?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather in Paris' },
          { type: 'text', text: 'and Tokyo?' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: "I'll check both cities." },
          {
            type: 'tool_use',
            id: 'toolu_01WeftParis',
            name: 'get_weather',
            input: { city: 'Paris' },
          },
          {
            type: 'tool_use',
            id: 'toolu_02WeftTokyo',
            name: 'get_weather',
            input: { city: 'Tokyo' },
          },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01WeftParis', content: '{"tempC":18}' },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_02WeftTokyo',
            content: 'service unavailable',
            is_error: true,
          },
          { type: 'text', text: 'Summarise.' },
        ],
      },
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        type: 'other',
        message: expect.stringMatching(/index 5 was moved/),
      }),
    ]);
  });
});

describe('Anthropic provider: configuration', () => {
  it('refuses to call without an API key, naming the variable to set, and sends nothing', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    let requests = 0;
    server.use(
      http.post(messagesURL, () => {
        requests++;
        return HttpResponse.json({});
      }),
    );
    const keyless = createAnthropic({ baseURL }).chat('claude-sonnet-4-5');
    const failure = generateText({ model: keyless, prompt: 'Hi' });
    await expect(failure).rejects.toThrow(/ANTHROPIC_API_KEY/);
    await expect(failure).rejects.toSatisfy((error) => AuthenticationError.isInstance(error));
    await expect(streamText({ model: keyless, prompt: 'Hi' }).text).rejects.toThrow(
      /ANTHROPIC_API_KEY/,
    );
    expect(requests).toBe(0);
  });

  it('reads the key and base URL from the environment at call time', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-from-env');
    vi.stubEnv('ANTHROPIC_BASE_URL', 'https://env-proxy.test/');
    const seen = serveJson('anthropic/text.json', { url: 'https://env-proxy.test/v1/messages' });
    await generateText({ model: anthropic.chat('claude-haiku-4-5'), prompt: 'Hi' });
    expect(seen.headers[0]?.get('x-api-key')).toBe('sk-ant-from-env');
  });

  it('calls api.anthropic.com by default', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-from-env');
    vi.stubEnv('ANTHROPIC_BASE_URL', '');
    const seen = serveJson('anthropic/text.json', { url: 'https://api.anthropic.com/v1/messages' });
    await generateText({ model: anthropic.chat('claude-haiku-4-5'), prompt: 'Hi' });
    expect(seen.bodies).toHaveLength(1);
  });

  it('accepts a base URL that already ends in /v1 without doubling it', async () => {
    const seen = serveJson('anthropic/text.json', {
      url: 'https://proxy.test/anthropic/v1/messages',
    });
    const proxied = createAnthropic({
      apiKey: 'k-test',
      baseURL: 'https://proxy.test/anthropic/v1/',
    });
    await generateText({ model: proxied.chat('claude-sonnet-4-5'), prompt: 'Hi' });
    expect(seen.bodies).toHaveLength(1);
  });

  it('sends custom headers and merges providerOptions.anthropic into the body', async () => {
    const seen = serveJson('anthropic/text.json');
    const beta = createAnthropic({
      apiKey: 'k-test',
      baseURL,
      headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' },
    });
    await generateText({
      model: beta.chat('claude-sonnet-4-5'),
      prompt: 'Hi',
      providerOptions: { anthropic: { metadata: { user_id: 'user-42' } }, openai: { user: 'x' } },
    });
    expect(seen.headers[0]?.get('anthropic-beta')).toBe('prompt-caching-2024-07-31');
    expect(seen.bodies[0]?.metadata).toEqual({ user_id: 'user-42' });
    expect(seen.bodies[0]).not.toHaveProperty('user');
  });
});

describe('Anthropic provider: errors', () => {
  it('turns 401 into an AuthenticationError with the request id and without the key', async () => {
    serveJson('anthropic/auth-error.json', { status: 401 });
    const error = await generateText({ model, prompt: 'Hi' }).catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: expect.stringContaining('invalid x-api-key'),
      requestId: 'req_anthropic_1',
    });
    expect(String(error)).not.toContain('sk-ant-test-key');
  });

  it('turns "prompt is too long" into a ContextLengthError', async () => {
    const served = serveJson('anthropic/prompt-too-long-error.json', { status: 400 });
    const error = await generateText({ model, prompt: 'Hi' }).catch((caught: unknown) => caught);
    expect(ContextLengthError.isInstance(error)).toBe(true);
    expect((error as ContextLengthError).message).toContain('208310 tokens > 200000');
    expect(served.bodies).toHaveLength(1);
  });

  it('retries 529 overloaded, then reports it as retryable when retries run out', async () => {
    const served = serveJson('anthropic/overloaded-error.json', {
      status: 529,
      headers: { 'retry-after': '0' },
    });
    const error = await generateText({ model, prompt: 'Hi', maxRetries: 2 }).catch(
      (caught: unknown) => caught,
    );
    expect(served.bodies).toHaveLength(3);
    expect(error).toMatchObject({ status: 529, retryable: true });
    expect((error as ProviderError).message).toContain('Overloaded');
  });
});
