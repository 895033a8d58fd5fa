import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import { fixtureJson } from '../../test/support/sse.js';
import { createAnthropic } from '../anthropic/index.js';
import { ValidationError } from '../errors/errors.js';
import { createOpenAI } from '../openai/index.js';
import { createOpenAICompatible } from '../openai-compatible/index.js';
import { mockChatModel } from '../testing/index.js';
import { generateObject } from './generate-object.js';
import { NoObjectGeneratedError } from './no-object-generated-error.js';

const server = useMswServer();
const openaiURL = 'https://openai.test/v1';
const anthropicURL = 'https://anthropic.test';
const compatibleURL = 'http://ollama.test/v1';
const openai = createOpenAI({ apiKey: 'sk-test-key', baseURL: openaiURL }).chat('gpt-4o-mini');
const anthropic = createAnthropic({ apiKey: 'sk-ant-test', baseURL: anthropicURL }).chat(
  'claude-sonnet-4-5',
);
const ollama = createOpenAICompatible({ name: 'ollama', baseURL: compatibleURL }).chat('llama3.2');

const recipeSchema = z.object({
  title: z.string(),
  servings: z.number().int().positive(),
  ingredients: z.array(z.object({ name: z.string(), quantity: z.string().optional() })),
  vegetarian: z.boolean(),
  notes: z.string().optional(),
});

const fixture = (name: string) =>
  fixtureJson(`structured-output/${name}`) as Record<string, unknown>;

/** Serves the fixtures in order, one per request, recording the request bodies. */
function serve(url: string, fixtures: string[]) {
  const seen = recordBodies();
  server.use(
    http.post(url, async ({ request }) => {
      await seen.record(request);
      const name = fixtures[Math.min(seen.bodies.length - 1, fixtures.length - 1)] as string;
      return HttpResponse.json(fixture(name));
    }),
  );
  return seen;
}

const openaiChat = `${openaiURL}/chat/completions`;
const anthropicMessages = `${anthropicURL}/v1/messages`;

describe('generateObject with OpenAI (native strict json_schema)', () => {
  it('sends the strict schema and maps nulls of optional fields back to absent ones', async () => {
    const seen = serve(openaiChat, ['openai-recipe.json']);
    const result = await generateObject({
      model: openai,
      schema: recipeSchema,
      schemaName: 'recipe',
      prompt: 'Carbonara for two.',
    });

    expect(result.object).toEqual({
      title: 'Pasta carbonara',
      servings: 2,
      ingredients: [
        { name: 'spaghetti', quantity: '200 g' },
        { name: 'guanciale' },
        { name: 'egg yolks', quantity: '3' },
      ],
      vegetarian: false,
    });
    expect(result.object).not.toHaveProperty('notes');
    expect(result).toMatchObject({ mode: 'native', repaired: false, finishReason: 'stop' });
    expect(result.usage).toMatchObject({ inputTokens: 120, outputTokens: 48 });
    expect(seen.bodies).toHaveLength(1);
    const format = seen.bodies[0]?.response_format as Record<string, never>;
    expect(format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'recipe', strict: true },
    });
    expect(format.json_schema).toMatchObject({
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'servings', 'ingredients', 'vegetarian', 'notes'],
        properties: {
          notes: { type: ['string', 'null'] },
          ingredients: {
            items: {
              additionalProperties: false,
              required: ['name', 'quantity'],
              properties: { quantity: { type: ['string', 'null'] } },
            },
          },
        },
      },
    });
  });

  it('repairs an invalid answer in one more request that lists the issues', async () => {
    const seen = serve(openaiChat, ['openai-recipe-invalid.json', 'openai-recipe.json']);
    const result = await generateObject({
      model: openai,
      schema: recipeSchema,
      prompt: 'Carbonara for two.',
    });

    expect(result.repaired).toBe(true);
    expect(result.object.servings).toBe(2);
    expect(result.usage).toMatchObject({ inputTokens: 240, outputTokens: 95, totalTokens: 335 });
    expect(seen.bodies).toHaveLength(2);
    const messages = seen.bodies[1]?.messages as Array<{ role: string; content: string }>;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content).toContain('"servings":"two"');
    expect(messages[2]?.content).toMatch(/- servings: .*expected number/i);
    expect(seen.bodies[1]?.response_format).toEqual(seen.bodies[0]?.response_format);
  });

  it('throws NoObjectGeneratedError with the raw text and issues when the repair fails too', async () => {
    const seen = serve(openaiChat, ['openai-recipe-invalid.json']);
    const failure = generateObject({ model: openai, schema: recipeSchema, prompt: 'Carbonara.' });

    await expect(failure).rejects.toBeInstanceOf(NoObjectGeneratedError);
    const error = (await failure.catch((caught: unknown) => caught)) as NoObjectGeneratedError;
    expect(error.code).toBe('no_object_generated');
    expect(error.text).toContain('"servings":"two"');
    expect(error.issues).toEqual([expect.objectContaining({ path: ['servings'] })]);
    expect(error.usage).toMatchObject({ inputTokens: 240, outputTokens: 94 });
    expect(error.finishReason).toBe('stop');
    expect(error.message).toMatch(/even after a repair round/);
    expect(seen.bodies).toHaveLength(2);
  });

  it('does not repair an answer cut off by the output limit', async () => {
    const cut = fixture('openai-recipe.json');
    const choices = cut.choices as Array<Record<string, Record<string, unknown>>>;
    const choice = choices[0] as Record<string, Record<string, unknown> | string>;
    choice.finish_reason = 'length';
    (choice.message as Record<string, unknown>).content = '{"title":"Pasta carbon';
    const seen = recordBodies();
    server.use(
      http.post(openaiChat, async ({ request }) => {
        await seen.record(request);
        return HttpResponse.json(cut);
      }),
    );
    const error = await generateObject({
      model: openai,
      schema: recipeSchema,
      prompt: 'Carbonara.',
      maxOutputTokens: 8,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NoObjectGeneratedError);
    expect((error as NoObjectGeneratedError).finishReason).toBe('length');
    expect((error as Error).message).toMatch(/raise maxOutputTokens/);
    expect(seen.bodies).toHaveLength(1);
  });

  it('wraps a non-object root as { value } and unwraps the answer', async () => {
    const answer = fixture('openai-recipe.json');
    const choices = answer.choices as Array<{ message: { content: string } }>;
    (choices[0] as { message: { content: string } }).message.content =
      '{"value":["basil","garlic"]}';
    const seen = recordBodies();
    server.use(
      http.post(openaiChat, async ({ request }) => {
        await seen.record(request);
        return HttpResponse.json(answer);
      }),
    );
    const result = await generateObject({
      model: openai,
      schema: z.array(z.string()),
      prompt: 'Pesto herbs?',
    });

    expect(result.object).toEqual(['basil', 'garlic']);
    expect(seen.bodies[0]?.response_format).toMatchObject({
      json_schema: {
        schema: {
          type: 'object',
          required: ['value'],
          properties: { value: { type: 'array', items: { type: 'string' } } },
        },
      },
    });
  });
});

describe('generateObject with Anthropic (forced tool call)', () => {
  it('forces one tool with the schema and takes the object from its input', async () => {
    const seen = serve(anthropicMessages, ['anthropic-recipe.json']);
    const result = await generateObject({
      model: anthropic,
      schema: recipeSchema,
      schemaName: 'recipe',
      schemaDescription: 'A recipe extracted from the text',
      prompt: 'Carbonara for two.',
    });

    expect(result.object).toEqual({
      title: 'Pasta carbonara',
      servings: 2,
      ingredients: [{ name: 'spaghetti', quantity: '200 g' }, { name: 'guanciale' }],
      vegetarian: false,
    });
    expect(result.mode).toBe('tool');
    expect(result.finishReason).toBe('tool-calls');
    expect(seen.bodies[0]).toMatchObject({
      tool_choice: { type: 'tool', name: 'recipe' },
      tools: [
        {
          name: 'recipe',
          description: 'A recipe extracted from the text',
          input_schema: {
            type: 'object',
            required: ['title', 'servings', 'ingredients', 'vegetarian'],
          },
        },
      ],
    });
  });

  it('repairs with a tool_result that carries the issues', async () => {
    const seen = serve(anthropicMessages, [
      'anthropic-recipe-invalid.json',
      'anthropic-recipe.json',
    ]);
    const result = await generateObject({
      model: anthropic,
      schema: recipeSchema,
      schemaName: 'recipe',
      prompt: 'Carbonara for two.',
    });

    expect(result.repaired).toBe(true);
    expect(result.usage).toMatchObject({ inputTokens: 1220, outputTokens: 102 });
    const messages = seen.bodies[1]?.messages as Array<{ role: string; content: unknown }>;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content).toEqual([
      expect.objectContaining({ type: 'tool_use', id: 'toolu_01WeftRecipeBad', name: 'recipe' }),
    ]);
    const [toolResult] = (messages[2]?.content ?? []) as Array<Record<string, unknown>>;
    expect(toolResult).toMatchObject({
      type: 'tool_result',
      tool_use_id: 'toolu_01WeftRecipeBad',
      is_error: true,
    });
    expect(JSON.stringify(toolResult?.content)).toMatch(/servings: .*expected number/i);
    expect(JSON.stringify(toolResult?.content)).toMatch(/vegetarian/);
    expect(seen.bodies[1]?.tool_choice).toEqual({ type: 'tool', name: 'recipe' });
  });

  it('throws NoObjectGeneratedError when the repaired input is still invalid', async () => {
    serve(anthropicMessages, ['anthropic-recipe-invalid.json']);
    const error = await generateObject({
      model: anthropic,
      schema: recipeSchema,
      prompt: 'Carbonara.',
    }).catch((caught: unknown) => caught);

    expect(NoObjectGeneratedError.isInstance(error)).toBe(true);
    const failure = error as NoObjectGeneratedError;
    expect(JSON.parse(failure.text)).toMatchObject({ servings: 'two' });
    expect(failure.issues.map((issue) => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['servings', 'vegetarian']),
    );
  });
});

describe('generateObject with an OpenAI-compatible server (JSON mode)', () => {
  it('asks for JSON mode with the schema in the system prompt and reads a fenced answer', async () => {
    const seen = serve(`${compatibleURL}/chat/completions`, ['compatible-recipe-fenced.json']);
    const result = await generateObject({
      model: ollama,
      schema: recipeSchema,
      system: 'You extract recipes.',
      prompt: 'Carbonara for two.',
    });

    expect(result.mode).toBe('json');
    expect(result.object).toEqual({
      title: 'Pasta carbonara',
      servings: 2,
      ingredients: [{ name: 'spaghetti' }],
      vegetarian: false,
    });
    expect(seen.bodies[0]?.response_format).toEqual({ type: 'json_object' });
    const [system] = (seen.bodies[0]?.messages ?? []) as Array<{ role: string; content: string }>;
    expect(system?.role).toBe('system');
    expect(system?.content).toMatch(/^You extract recipes\.\n\nAnswer with one JSON object/);
    expect(system?.content).toContain('"servings":{"type":"integer"');
  });

  it('sends no response_format in prompt mode', async () => {
    const seen = serve(`${compatibleURL}/chat/completions`, ['compatible-recipe-fenced.json']);
    const result = await generateObject({
      model: ollama,
      schema: recipeSchema,
      mode: 'prompt',
      prompt: 'Carbonara for two.',
    });
    expect(result.object.title).toBe('Pasta carbonara');
    expect(seen.bodies[0]).not.toHaveProperty('response_format');
  });
});

describe('generateObject: bad input is refused before any request', () => {
  it('refuses a schema that cannot become JSON Schema', async () => {
    const model = mockChatModel({ replies: ['{}'] });
    for (const schema of [z.object({ when: z.date() }), z.object({ big: z.bigint() })]) {
      const error = await generateObject({ model, schema, prompt: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/cannot be represented as JSON Schema/);
    }
    expect(model.calls).toHaveLength(0);
  });

  it('refuses a schema strict mode cannot express, a bad schema name and a missing schema', async () => {
    const model = mockChatModel({ replies: ['{}'], capabilities: { structuredOutput: 'native' } });
    const record = z.object({ scores: z.record(z.string(), z.number()) });
    await expect(generateObject({ model, schema: record, prompt: 'x' })).rejects.toThrow(
      /arbitrary keys/,
    );
    await expect(
      generateObject({ model, schema: recipeSchema, schemaName: 'my recipe', prompt: 'x' }),
    ).rejects.toThrow(/schemaName must match/);
    await expect(
      generateObject({ model, schema: {} as typeof recipeSchema, prompt: 'x' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(model.calls).toHaveLength(0);
  });

  it('accepts the same record schema in tool mode', async () => {
    const model = mockChatModel({
      replies: [
        {
          toolCalls: [
            {
              toolCallId: 't1',
              toolName: 'json_response',
              input: { scores: { a: 1 } },
              inputText: '{"scores":{"a":1}}',
            },
          ],
        },
      ],
    });
    const result = await generateObject({
      model,
      schema: z.object({ scores: z.record(z.string(), z.number()) }),
      prompt: 'x',
    });
    expect(result.object).toEqual({ scores: { a: 1 } });
  });
});
