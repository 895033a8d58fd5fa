import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import { countPromptTokens } from '../context/count-prompt-tokens.js';
import type { Message } from '../types/messages.js';
import { createAnthropic } from './anthropic-provider.js';

const server = useMswServer();
const baseURL = 'https://anthropic.test';
const model = createAnthropic({ apiKey: 'sk-ant-count-key', baseURL }).chat('claude-sonnet-4-5');
const messages: Message[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'What is RAG?' },
];
const tools = [
  { name: 'search', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } },
];

describe("Anthropic's token counting endpoint", () => {
  it('sends only the prompt fields and returns input_tokens', async () => {
    const seen = recordBodies();
    server.use(
      http.post(`${baseURL}/v1/messages/count_tokens`, async ({ request }) => {
        await seen.record(request);
        return HttpResponse.json({ input_tokens: 37 });
      }),
    );
    expect(
      await model.countTokens?.({ messages, tools, maxOutputTokens: 100, temperature: 0.3 }),
    ).toBe(37);
    expect(seen.bodies[0]).toEqual({
      model: 'claude-sonnet-4-5',
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'What is RAG?' }],
      tools: [{ name: 'search', input_schema: tools[0]?.inputSchema }],
    });
    expect(seen.headers[0]?.get('x-api-key')).toBe('sk-ant-count-key');
  });

  it('is used by countPromptTokens when asked, and says the count is exact', async () => {
    server.use(
      http.post(`${baseURL}/v1/messages/count_tokens`, () =>
        HttpResponse.json({ input_tokens: 21 }),
      ),
    );
    expect(await countPromptTokens(messages, { model, useProvider: true })).toEqual({
      tokens: 21,
      estimated: false,
      source: 'provider',
    });
  });

  it('falls back to the local estimate, saying why, when the endpoint fails', async () => {
    server.use(
      http.post(`${baseURL}/v1/messages/count_tokens`, () =>
        HttpResponse.json(
          { type: 'error', error: { type: 'not_found_error', message: 'model not found' } },
          { status: 404 },
        ),
      ),
    );
    const count = await countPromptTokens(messages, { model, useProvider: true });
    expect(count).toMatchObject({ estimated: true, source: 'local' });
    expect(count.tokens).toBeGreaterThan(5);
    expect(count.providerError).toContain('model not found');
  });

  it('rejects a response without input_tokens as invalid', async () => {
    server.use(
      http.post(`${baseURL}/v1/messages/count_tokens`, () => HttpResponse.json({ tokens: 3 })),
    );
    await expect(model.countTokens?.({ messages })).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });
});
