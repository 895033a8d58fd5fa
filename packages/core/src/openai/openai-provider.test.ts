import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import {
  chunkedStream,
  fixtureChunks,
  fixtureJson,
  fixtureText,
  openAISSE,
  sseHeaders,
} from '../../test/support/sse.js';
import { InvalidRequestError } from '../errors/errors.js';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import { createOpenAI } from './openai-provider.js';

const server = useMswServer();
const baseURL = 'https://openai.test/v1';
const openai = createOpenAI({ apiKey: 'sk-test-key', baseURL, organization: 'org-weft' });
const model = openai.chat('gpt-4o-mini');
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string' } },
    required: ['city'],
  },
};

function serveJson(fixture: string) {
  const seen = recordBodies();
  server.use(
    http.post(`${baseURL}/chat/completions`, async ({ request }) => {
      await seen.record(request);
      return HttpResponse.json(fixtureJson(fixture) as Record<string, unknown>, {
        headers: { 'x-request-id': 'req_openai_1' },
      });
    }),
  );
  return seen;
}

function serveStream(fixture: string, chunkSize = 7) {
  const seen = recordBodies();
  server.use(
    http.post(`${baseURL}/chat/completions`, async ({ request }) => {
      await seen.record(request);
      const body = openAISSE(fixtureChunks(fixture));
      return new HttpResponse(chunkedStream(body, chunkSize), {
        headers: { ...sseHeaders, 'x-request-id': 'req_openai_2' },
      });
    }),
  );
  return seen;
}

describe('OpenAI provider: text', () => {
  it('generates text and reports usage, finish reason and response metadata', async () => {
    const seen = serveJson('openai/text.json');
    const result = await generateText({
      model,
      system: 'You are terse.',
      prompt: 'What is RAG?',
      temperature: 0.2,
      maxOutputTokens: 100,
      stopSequences: ['END'],
    });
    expect(result.text).toBe('Retrieval-augmented generation grounds answers in your documents.');
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('stop');
    expect(result.usage).toMatchObject({
      inputTokens: 21,
      outputTokens: 9,
      totalTokens: 30,
      cachedInputTokens: 0,
    });
    expect(result.response).toMatchObject({
      id: 'chatcmpl-Weft0002',
      modelId: 'gpt-4o-mini-2024-07-18',
      requestId: 'req_openai_1',
    });
    expect(seen.bodies[0]).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'What is RAG?' },
      ],
      temperature: 0.2,
      max_completion_tokens: 100,
      stop: ['END'],
    });
    expect(seen.bodies[0]).not.toHaveProperty('stream');
    expect(seen.headers[0]?.get('authorization')).toBe('Bearer sk-test-key');
    expect(seen.headers[0]?.get('openai-organization')).toBe('org-weft');
  });

  it('streams text deltas in order, split across arbitrary network chunks', async () => {
    const seen = serveStream('openai/text.chunks.txt', 5);
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
    expect(await result.text).toBe(
      'Retrieval-augmented generation grounds answers in your documents.',
    );
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toMatchObject({ inputTokens: 21, outputTokens: 9, totalTokens: 30 });
    expect(seen.bodies[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('reads a stream that arrives whole, in one chunk, and stops at [DONE]', async () => {
    server.use(
      http.post(
        `${baseURL}/chat/completions`,
        () =>
          new HttpResponse(openAISSE(fixtureChunks('openai/text.chunks.txt')), {
            headers: sseHeaders,
          }),
      ),
    );
    const result = streamText({ model, prompt: 'Hi' });
    expect(await result.text).toBe(
      'Retrieval-augmented generation grounds answers in your documents.',
    );
    expect(await result.finishReason).toBe('stop');
  });

  it('emits start first and finish last, with the request id', async () => {
    serveStream('openai/text.chunks.txt');
    const events: ChatStreamEvent[] = [];
    for await (const event of streamText({ model, prompt: 'Hi' })) events.push(event);
    expect(events[0]).toMatchObject({ type: 'start', requestId: 'req_openai_2' });
    expect(events.at(-2)).toMatchObject({ type: 'usage', usage: { totalTokens: 30 } });
    expect(events.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      response: { id: 'chatcmpl-Weft0001' },
    });
  });

  it('sends images as image_url parts, base64 as a data URL', async () => {
    const seen = serveJson('openai/text.json');
    await generateText({
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare these.' },
            { type: 'image', url: 'https://example.com/a.png' },
            { type: 'image', base64: 'iVBORw0KGgo=', mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(seen.bodies[0]?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare these.' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);
  });
});

describe('OpenAI provider: tools', () => {
  it('streams two tool calls whose arguments arrive over many chunks', async () => {
    const seen = serveStream('openai/two-tool-calls.chunks.txt', 11);
    const result = streamText({
      model,
      prompt: 'Weather in Paris and Tokyo?',
      tools: [weatherTool],
    });
    const events: ChatStreamEvent[] = [];
    for await (const event of result) events.push(event);
    const calls = events.filter((event) => event.type === 'tool-call');
    expect(calls).toEqual([
      expect.objectContaining({
        toolCallId: 'call_Paris01',
        toolName: 'get_weather',
        input: { city: 'Paris', unit: 'celsius' },
      }),
      expect.objectContaining({
        toolCallId: 'call_Tokyo02',
        toolName: 'get_weather',
        input: { city: 'Tokyo', unit: 'celsius' },
      }),
    ]);
    const parisDeltas = events.filter(
      (event) => event.type === 'tool-call-delta' && event.toolCallId === 'call_Paris01',
    );
    expect(parisDeltas.length).toBeGreaterThan(5);
    expect(events.filter((event) => event.type === 'tool-call-start')).toHaveLength(2);
    expect(await result.finishReason).toBe('tool-calls');
    expect(await result.toolCalls).toHaveLength(2);
    expect(seen.bodies[0]?.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: weatherTool.inputSchema,
        },
      },
    ]);
  });

  it('generates two tool calls in one response', async () => {
    serveJson('openai/two-tool-calls.json');
    const result = await generateText({
      model,
      prompt: 'Weather in Paris and Tokyo?',
      tools: [weatherTool],
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(result.toolCalls.map((call) => [call.toolCallId, call.input])).toEqual([
      ['call_Paris01', { city: 'Paris', unit: 'celsius' }],
      ['call_Tokyo02', { city: 'Tokyo', unit: 'celsius' }],
    ]);
  });

  it('gives {} for a tool called without arguments, streamed or not', async () => {
    const noArgs = { name: 'get_time', inputSchema: { type: 'object', properties: {} } };
    serveStream('openai/tool-no-args.chunks.txt');
    const streamed = streamText({ model, prompt: 'Time?', tools: [noArgs] });
    expect(await streamed.toolCalls).toEqual([
      { toolCallId: 'call_Time03', toolName: 'get_time', input: {}, inputText: '' },
    ]);
    serveJson('openai/tool-no-args.json');
    const generated = await generateText({ model, prompt: 'Time?', tools: [noArgs] });
    expect(generated.toolCalls[0]).toMatchObject({ toolName: 'get_time', input: {} });
  });

  it('sends tool results back: assistant tool_calls, then one tool message per result', async () => {
    const seen = serveJson('openai/text.json');
    const messages: Message[] = [
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'call_Paris01',
            toolName: 'get_weather',
            input: { city: 'Paris' },
          },
          {
            type: 'tool-call',
            toolCallId: 'call_Tokyo02',
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
            toolCallId: 'call_Paris01',
            toolName: 'get_weather',
            output: { tempC: 18 },
          },
          {
            type: 'tool-result',
            toolCallId: 'call_Tokyo02',
            toolName: 'get_weather',
            output: 'rainy, 21C',
          },
        ],
      },
    ];
    const result = await generateText({ model, messages, tools: [weatherTool] });
    expect(result.text).toContain('Retrieval');
    expect(seen.bodies[0]?.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_Paris01',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'call_Tokyo02',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_Paris01', content: '{"tempC":18}' },
      { role: 'tool', tool_call_id: 'call_Tokyo02', content: 'rainy, 21C' },
    ]);
  });

  it('converts a zod input schema to JSON Schema and maps toolChoice', async () => {
    const seen = serveJson('openai/two-tool-calls.json');
    await generateText({
      model,
      prompt: 'Weather?',
      tools: [
        {
          name: 'get_weather',
          inputSchema: z.object({
            city: z.string(),
            unit: z.enum(['celsius', 'fahrenheit']).optional(),
          }),
        },
      ],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
    });
    const tools = seen.bodies[0]?.tools as Array<{
      function: { parameters: Record<string, unknown> };
    }>;
    expect(tools[0]?.function.parameters).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string' }, unit: { enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    });
    expect(tools[0]?.function.parameters).not.toHaveProperty('$schema');
    expect(seen.bodies[0]?.tool_choice).toEqual({
      type: 'function',
      function: { name: 'get_weather' },
    });
  });
});

describe('OpenAI provider: configuration', () => {
  it('refuses to call without an API key, naming the variable to set', async () => {
    const keyless = createOpenAI({ baseURL, apiKey: undefined });
    const previous = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await expect(
        generateText({ model: keyless.chat('gpt-4o-mini'), prompt: 'Hi' }),
      ).rejects.toThrow(/OPENAI_API_KEY/);
    } finally {
      if (previous !== undefined) process.env.OPENAI_API_KEY = previous;
    }
  });

  it('passes providerOptions.openai through to the body', async () => {
    const seen = serveJson('openai/text.json');
    await generateText({
      model,
      prompt: 'Hi',
      providerOptions: { openai: { user: 'user-42', logprobs: false } },
    });
    expect(seen.bodies[0]).toMatchObject({ user: 'user-42', logprobs: false });
  });

  it('keeps the fixture text byte-for-byte when chunks split multi-byte characters', async () => {
    const chunks = fixtureChunks('openai/text.chunks.txt') as Array<Record<string, unknown>>;
    const withEmoji = JSON.parse(JSON.stringify(chunks).replace('"Retrieval"', '"Ré🔎trieval"'));
    server.use(
      http.post(
        `${baseURL}/chat/completions`,
        () => new HttpResponse(chunkedStream(openAISSE(withEmoji), 3), { headers: sseHeaders }),
      ),
    );
    const result = streamText({ model, prompt: 'Hi' });
    expect(await result.text).toBe(
      'Ré🔎trieval-augmented generation grounds answers in your documents.',
    );
    expect(fixtureText('openai/text.chunks.txt')).toContain('Retrieval');
  });

  it("keeps the stable code and the provider's own code side by side", async () => {
    server.use(
      http.post(`${baseURL}/chat/completions`, () =>
        HttpResponse.json(
          {
            error: {
              message: 'The model `gpt-9` does not exist',
              type: 'invalid_request_error',
              code: 'model_not_found',
            },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await generateText({ model, prompt: 'Hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({
      code: 'invalid_request',
      providerCode: 'model_not_found',
      status: 404,
    });
  });

  it('hides credentials passed in per-call or provider headers', async () => {
    const secret = 'per-call-secret-token-123';
    server.use(
      http.post(`${baseURL}/chat/completions`, ({ request }) =>
        HttpResponse.json(
          {
            error: {
              message: `bad token ${request.headers.get('x-proxy-token')} / ${request.headers.get('x-gateway-key')}`,
            },
          },
          { status: 400 },
        ),
      ),
    );
    const withHeaders = createOpenAI({
      apiKey: 'sk-test-key',
      baseURL,
      headers: { 'x-gateway-key': 'gateway-secret-456' },
    });
    const error = (await generateText({
      model: withHeaders.chat('gpt-4o-mini'),
      prompt: 'Hi',
      headers: { 'x-proxy-token': secret },
    }).catch((e: unknown) => e)) as InvalidRequestError;
    expect(error.message).toContain('bad token [REDACTED] / [REDACTED]');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/per-call-secret|gateway-secret/);
  });
});
