import { createOpenAI } from '@weft/core/openai';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answer } from './answer.js';
import { streamAnswer } from './stream-answer.js';
import { documentOf, scriptedRetriever, wholeChunks } from './test-fixtures.js';

const baseURL = 'https://openai.test/v1';
const model = createOpenAI({ apiKey: 'sk-test-answer', baseURL }).chat('gpt-4o-mini');
const reply =
  'The k1 parameter controls how fast term frequency saturates [1]. Chunks record their start and end offsets [2].';
const usage = { prompt_tokens: 230, completion_tokens: 25, total_tokens: 255 };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Serves Chat Completions in the real wire format and keeps the request bodies. */
function serveCompletions() {
  const bodies: Array<Record<string, unknown>> = [];
  server.use(
    http.post(`${baseURL}/chat/completions`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.push(body);
      const base = {
        id: 'chatcmpl-answer-1',
        created: 1767225600,
        model: 'gpt-4o-mini-2024-07-18',
      };
      if (body.stream !== true) {
        return HttpResponse.json({
          ...base,
          object: 'chat.completion',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: reply, refusal: null },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage,
        });
      }
      const chunk = (choices: unknown[], chunkUsage: unknown = null) =>
        `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, usage: chunkUsage })}\n\n`;
      const pieces = reply.match(/\S+\s*/g) ?? [];
      const sse = [
        chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
        ...pieces.map((piece) =>
          chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]),
        ),
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
        chunk([], usage),
        'data: [DONE]\n\n',
      ].join('');
      return new HttpResponse(sse, { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return bodies;
}

function messagesOf(body: Record<string, unknown> | undefined) {
  return body?.messages as Array<{ role: string; content: string }>;
}

describe('answer over the OpenAI provider', () => {
  it('sends the numbered passages and returns citations with exact offsets and usage', async () => {
    const bodies = serveCompletions();
    const result = await answer({
      model,
      retriever: scriptedRetriever(wholeChunks([0, 1, 2])),
      question: 'What does k1 do?',
      temperature: 0,
    });

    expect(bodies).toHaveLength(1);
    const [system, user] = messagesOf(bodies[0]);
    expect(system?.role).toBe('system');
    expect(user?.content).toContain('[1] docs/bm25.md\n');
    expect(user?.content).toContain('[3] docs/stores.md\n');
    expect(bodies[0]?.temperature).toBe(0);
    expect(result.text).toBe(reply);
    expect(result.usage).toMatchObject({ inputTokens: 230, outputTokens: 25 });
    expect(result.citations.map((c) => [c.passage, c.quote])).toEqual([
      [1, 'Its k1 parameter controls how fast term frequency saturates.'],
      [2, 'Every chunk records its start and end offsets in the source text.'],
    ]);
    for (const citation of result.citations) {
      expect(documentOf(citation).text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
  });

  it('streams the same answer over SSE', async () => {
    const bodies = serveCompletions();
    const result = streamAnswer({
      model,
      retriever: scriptedRetriever(wholeChunks([0, 1, 2])),
      question: 'What does k1 do?',
    });
    let streamed = '';
    for await (const delta of result.textStream) streamed += delta;

    expect(bodies[0]?.stream).toBe(true);
    expect(streamed).toBe(reply);
    expect((await result.citations).map((c) => c.chunkId)).toEqual(
      wholeChunks([0, 1]).map((hit) => hit.chunk.id),
    );
    expect(await result.usage).toMatchObject({ inputTokens: 230, outputTokens: 25 });
  });
});
