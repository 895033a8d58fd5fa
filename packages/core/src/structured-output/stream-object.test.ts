import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import {
  anthropicSSE,
  chunkedStream,
  fixtureChunks,
  fixtureJson,
  openAISSE,
  sseHeaders,
} from '../../test/support/sse.js';
import { createAnthropic } from '../anthropic/index.js';
import { createOpenAI } from '../openai/index.js';
import { mockChatModel, textStreamEvents } from '../testing/index.js';
import { NoObjectGeneratedError } from './no-object-generated-error.js';
import { streamObject } from './stream-object.js';

const server = useMswServer();
const openaiURL = 'https://openai.test/v1';
const anthropicURL = 'https://anthropic.test';
const openai = createOpenAI({ apiKey: 'sk-test-key', baseURL: openaiURL }).chat('gpt-4o-mini');
const anthropic = createAnthropic({ apiKey: 'sk-ant-test', baseURL: anthropicURL }).chat(
  'claude-sonnet-4-5',
);

const recipeSchema = z.object({
  title: z.string(),
  servings: z.number().int().positive(),
  ingredients: z.array(z.object({ name: z.string(), quantity: z.string().optional() })),
  vegetarian: z.boolean(),
  notes: z.string().optional(),
});

/** Streams a fixture as SSE in small network chunks; later requests get JSON fixtures. */
function serveStream(
  url: string,
  body: string,
  followUps: string[] = [],
): ReturnType<typeof recordBodies> {
  const seen = recordBodies();
  server.use(
    http.post(url, async ({ request }) => {
      await seen.record(request);
      const index = seen.bodies.length - 1;
      if (index === 0) return new HttpResponse(chunkedStream(body, 11), { headers: sseHeaders });
      const name = followUps[index - 1] as string;
      return HttpResponse.json(fixtureJson(`structured-output/${name}`) as Record<string, unknown>);
    }),
  );
  return seen;
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe('streamObject with OpenAI', () => {
  it('emits partial objects in order as the JSON arrives, then the validated object', async () => {
    const seen = serveStream(
      `${openaiURL}/chat/completions`,
      openAISSE(fixtureChunks('structured-output/openai-recipe.chunks.txt')),
    );
    const result = streamObject({ model: openai, schema: recipeSchema, prompt: 'Carbonara.' });
    const partials = await collect(result.partialObjectStream);

    expect(partials.slice(0, 4)).toEqual([
      {},
      { title: '' },
      { title: 'Pasta' },
      { title: 'Pasta carbon' },
    ]);
    expect(partials).toContainEqual({
      title: 'Pasta carbonara',
      servings: 2,
      ingredients: [{ name: 'spaghetti', quantity: '200 g' }, { name: 'guanc' }],
    });
    // Nulls of optional fields never show, not even in partial objects.
    expect(partials.some((partial) => JSON.stringify(partial).includes('null'))).toBe(false);
    for (let i = 1; i < partials.length; i++) {
      expect(partials[i]).not.toEqual(partials[i - 1]);
    }
    const object = await result.object;
    expect(object).toEqual({
      title: 'Pasta carbonara',
      servings: 2,
      ingredients: [{ name: 'spaghetti', quantity: '200 g' }, { name: 'guanciale' }],
      vegetarian: false,
    });
    expect(partials.at(-1)).toEqual(object);
    expect(await result.usage).toMatchObject({ inputTokens: 120, outputTokens: 40 });
    expect(await result.repaired).toBe(false);
    expect(seen.bodies[0]).toMatchObject({
      stream: true,
      response_format: { type: 'json_schema', json_schema: { strict: true } },
    });
  });

  it('repairs an invalid streamed answer with one non-streamed request', async () => {
    const chunks = fixtureChunks('structured-output/openai-recipe.chunks.txt').map((chunk) =>
      JSON.parse(JSON.stringify(chunk).replace('"content":"2"', '"content":"\\"two\\""')),
    );
    const seen = serveStream(`${openaiURL}/chat/completions`, openAISSE(chunks), [
      'openai-recipe.json',
    ]);
    const result = streamObject({ model: openai, schema: recipeSchema, prompt: 'Carbonara.' });
    const partials = await collect(result.partialObjectStream);
    const object = await result.object;

    expect(object.servings).toBe(2);
    expect(await result.repaired).toBe(true);
    expect(partials.at(-1)).toEqual(object);
    expect(seen.bodies).toHaveLength(2);
    expect(seen.bodies[1]).not.toHaveProperty('stream');
    const messages = seen.bodies[1]?.messages as Array<{ role: string; content: string }>;
    expect(messages[2]?.content).toMatch(/- servings: .*expected number/i);
    expect(await result.usage).toMatchObject({ inputTokens: 240, outputTokens: 88 });
  });
});

describe('streamObject with Anthropic', () => {
  it('parses input_json_delta events into partial objects', async () => {
    const seen = serveStream(
      `${anthropicURL}/v1/messages`,
      anthropicSSE(
        fixtureChunks('structured-output/anthropic-recipe.chunks.txt') as Array<{ type: string }>,
      ),
    );
    const result = streamObject({
      model: anthropic,
      schema: recipeSchema,
      schemaName: 'recipe',
      prompt: 'Carbonara.',
    });
    const [partials, deltas] = await Promise.all([
      collect(result.partialObjectStream),
      collect(result.textStream),
    ]);

    expect(partials).toEqual([
      { title: 'Pasta' },
      { title: 'Pasta carbonara' },
      { title: 'Pasta carbonara', servings: 2, ingredients: [{}] },
      {
        title: 'Pasta carbonara',
        servings: 2,
        ingredients: [{ name: 'spaghetti', quantity: '200 g' }],
      },
      {
        title: 'Pasta carbonara',
        servings: 2,
        ingredients: [{ name: 'spaghetti', quantity: '200 g' }, { name: 'guanciale' }],
        vegetarian: false,
      },
    ]);
    expect(deltas.join('')).toBe(
      '{"title": "Pasta carbonara", "servings": 2, "ingredients": [{"name": "spaghetti", "quantity": "200 g"}, {"name": "guanciale"}], "vegetarian": false}',
    );
    expect(await result.object).toEqual(partials.at(-1));
    expect(await result.finishReason).toBe('tool-calls');
    expect(seen.bodies[0]).toMatchObject({
      stream: true,
      tool_choice: { type: 'tool', name: 'recipe' },
    });
  });
});

describe('streamObject failures', () => {
  it('rejects object with NoObjectGeneratedError when the repair fails, and keeps the usage', async () => {
    const model = mockChatModel({
      capabilities: { structuredOutput: 'prompt' },
      replies: [
        {
          events: textStreamEvents({
            deltas: ['{"title":', '"x"}'],
            usage: { inputTokens: 5, outputTokens: 3 },
          }),
        },
        { text: 'no idea', usage: { inputTokens: 9, outputTokens: 2 } },
      ],
    });
    const result = streamObject({ model, schema: recipeSchema, prompt: 'x' });
    const partials = await collect(result.partialObjectStream);
    const error = await result.object.catch((caught: unknown) => caught);

    expect(partials).toEqual([{}, { title: 'x' }]);
    expect(error).toBeInstanceOf(NoObjectGeneratedError);
    expect((error as NoObjectGeneratedError).text).toBe('no idea');
    expect(await result.usage).toEqual({ inputTokens: 14, outputTokens: 5 });
    expect(model.calls.map((call) => call.method)).toEqual(['stream', 'generate']);
  });

  it('skips a preamble before the JSON in prompt mode', async () => {
    const model = mockChatModel({
      capabilities: { structuredOutput: 'prompt' },
      replies: [
        {
          events: textStreamEvents({
            deltas: [
              'Sure!\n```json\n{"ti',
              'tle":"Soup","servings":1,',
              '"ingredients":[],"vegetarian":true}\n```',
            ],
          }),
        },
      ],
    });
    const result = streamObject({ model, schema: recipeSchema, prompt: 'x', repair: false });
    const partials = await collect(result.partialObjectStream);
    expect(partials).toEqual([
      {},
      { title: 'Soup', servings: 1 },
      { title: 'Soup', servings: 1, ingredients: [], vegetarian: true },
    ]);
    expect(await result.object).toEqual(partials.at(-1));
  });

  it('cancels the request when the reader stops early', async () => {
    const model = mockChatModel({
      replies: [{ events: textStreamEvents({ deltas: ['{"title":"a', 'b', 'c"}'] }) }],
      capabilities: { structuredOutput: 'native' },
    });
    const result = streamObject({ model, schema: z.object({ title: z.string() }), prompt: 'x' });
    for await (const partial of result.partialObjectStream) {
      expect(partial).toEqual({ title: 'a' });
      break;
    }
    await expect(result.object).rejects.toMatchObject({ code: 'aborted' });
    expect(model.calls[0]?.options.signal?.aborted).toBe(true);
  });
});
