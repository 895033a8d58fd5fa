import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import {
  chunkedStream,
  fixtureChunks,
  fixtureJson,
  openAISSE,
  sseHeaders,
} from '../../test/support/sse.js';
import { InvalidRequestError, ValidationError } from '../errors/errors.js';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import type { ChatStreamEvent } from '../types/chat-model.js';
import type { Message } from '../types/messages.js';
import { createOpenAICompatible } from './openai-compatible-provider.js';

const server = useMswServer();
const baseURL = 'http://ollama.test:11434/v1';
const ollama = createOpenAICompatible({ name: 'ollama', baseURL });
const model = ollama.chat('llama3.2');
const weatherTool = {
  name: 'get_weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};

function serve(
  fixture: string,
  options: { stream?: boolean; url?: string; chunkSize?: number } = {},
) {
  const seen = recordBodies();
  server.use(
    http.post(options.url ?? `${baseURL}/chat/completions`, async ({ request }) => {
      await seen.record(request);
      if (!options.stream)
        return HttpResponse.json(
          fixtureJson(`openai-compatible/${fixture}`) as Record<string, unknown>,
        );
      const body = openAISSE(fixtureChunks(`openai-compatible/${fixture}`));
      return new HttpResponse(chunkedStream(body, options.chunkSize ?? 9), { headers: sseHeaders });
    }),
  );
  return seen;
}

describe('OpenAI-compatible provider', () => {
  it('generates text with max_tokens and no Authorization header when no key is given', async () => {
    const seen = serve('ollama-text.json');
    const result = await generateText({ model, prompt: 'Hi', maxOutputTokens: 50 });
    expect(result.text).toBe('Ollama says hello.');
    expect(result.usage).toMatchObject({ inputTokens: 26, outputTokens: 5, totalTokens: 31 });
    expect(result.finishReason).toBe('stop');
    expect(seen.bodies[0]).toMatchObject({ model: 'llama3.2', max_tokens: 50 });
    expect(seen.bodies[0]).not.toHaveProperty('max_completion_tokens');
    expect(seen.headers[0]?.get('authorization')).toBeNull();
  });

  it('streams text and asks for usage in the last chunk', async () => {
    const seen = serve('ollama-text.chunks.txt', { stream: true, chunkSize: 4 });
    const result = streamText({ model, prompt: 'Hi' });
    expect(await result.text).toBe('Ollama says hello.');
    expect(await result.usage).toMatchObject({ totalTokens: 31 });
    expect(await result.finishReason).toBe('stop');
    expect(seen.bodies[0]).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('streams two tool calls that arrive whole, each in one chunk (Ollama)', async () => {
    serve('ollama-two-tool-calls.chunks.txt', { stream: true });
    const result = streamText({
      model,
      prompt: 'Weather in Paris and Tokyo?',
      tools: [weatherTool],
    });
    expect(await result.text).toBe('Let me check both.');
    expect((await result.toolCalls).map((call) => [call.toolCallId, call.input])).toEqual([
      ['call_a1', { city: 'Paris' }],
      ['call_b2', { city: 'Tokyo' }],
    ]);
    expect(await result.finishReason).toBe('tool-calls');
    expect(await result.usage).toMatchObject({ inputTokens: 161, outputTokens: 38 });
  });

  it('streams reasoning, arguments split over many chunks, and a tool without arguments (vLLM)', async () => {
    const vllm = createOpenAICompatible({
      name: 'vllm',
      baseURL: 'http://vllm.test/v1',
      apiKey: 'token-abc123',
    });
    const seen = serve('vllm-reasoning-tools.chunks.txt', {
      stream: true,
      url: 'http://vllm.test/v1/chat/completions',
      chunkSize: 5,
    });
    const events: ChatStreamEvent[] = [];
    const result = streamText({
      model: vllm.chat('Qwen/Qwen3-8B'),
      prompt: 'Find docs on RAG',
      tools: [weatherTool],
    });
    for await (const event of result) events.push(event);
    expect(await result.reasoning).toBe('The user wants a search.');
    expect(events.filter((event) => event.type === 'tool-call-delta').length).toBeGreaterThan(8);
    expect(await result.toolCalls).toEqual([
      expect.objectContaining({
        toolName: 'search_docs',
        input: { query: 'retrieval augmented generation', limit: 3 },
      }),
      expect.objectContaining({ toolName: 'list_sources', input: {} }),
    ]);
    expect(seen.headers[0]?.get('authorization')).toBe('Bearer token-abc123');
  });

  it('sends tool results back as tool messages', async () => {
    const seen = serve('ollama-text.json');
    const messages: Message[] = [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'call_a1',
            toolName: 'get_weather',
            input: { city: 'Paris' },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_a1',
            toolName: 'get_weather',
            output: { tempC: 18 },
          },
        ],
      },
    ];
    await generateText({ model, messages, tools: [weatherTool] });
    expect(seen.bodies[0]?.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_a1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a1', content: '{"tempC":18}' },
    ]);
  });

  it('reaches Azure OpenAI through headers and query parameters', async () => {
    const azureURL = 'https://weft.openai.azure.test/openai/deployments/gpt-4o-mini';
    const azure = createOpenAICompatible({
      name: 'azure',
      baseURL: azureURL,
      headers: { 'api-key': 'azure-key-0123456789' },
      queryParams: { 'api-version': '2024-10-21' },
      maxTokensField: 'max_completion_tokens',
    });
    let url = '';
    const seen = recordBodies();
    server.use(
      http.post(`${azureURL}/chat/completions`, async ({ request }) => {
        url = request.url;
        await seen.record(request);
        return HttpResponse.json(
          fixtureJson('openai-compatible/ollama-text.json') as Record<string, unknown>,
        );
      }),
    );
    await generateText({ model: azure.chat('gpt-4o-mini'), prompt: 'Hi', maxOutputTokens: 20 });
    expect(new URL(url).searchParams.get('api-version')).toBe('2024-10-21');
    expect(seen.headers[0]?.get('api-key')).toBe('azure-key-0123456789');
    expect(seen.bodies[0]).toMatchObject({ max_completion_tokens: 20 });
  });

  it('reads error messages in the shapes compatible servers use, keeping the key out', async () => {
    const keyed = createOpenAICompatible({
      name: 'groq',
      baseURL: 'https://groq.test/openai/v1',
      apiKey: 'gsk_secret_0123456789',
    });
    server.use(
      http.post('https://groq.test/openai/v1/chat/completions', () =>
        HttpResponse.json(
          { error: 'model "llama9" not found, try pulling it first (key gsk_secret_0123456789)' },
          { status: 404 },
        ),
      ),
    );
    const error = await generateText({ model: keyed.chat('llama9'), prompt: 'Hi' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).message).toContain('model "llama9" not found');
    expect((error as InvalidRequestError).message).not.toContain('gsk_secret_0123456789');
  });

  it('refuses a missing name or an invalid base URL at creation', () => {
    expect(() => createOpenAICompatible({ name: '', baseURL })).toThrow(ValidationError);
    expect(() => createOpenAICompatible({ name: 'x', baseURL: 'not a url' })).toThrow(
      /not a valid URL/,
    );
  });
});
