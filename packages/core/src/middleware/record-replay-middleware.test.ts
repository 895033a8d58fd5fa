import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useMswServer } from '../../test/support/msw.js';
import {
  chunkedStream,
  fixtureChunks,
  fixtureJson,
  openAISSE,
  sseHeaders,
} from '../../test/support/sse.js';
import { RateLimitError, ValidationError } from '../errors/errors.js';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import { fileCassetteStorage } from '../node/file-cassette-storage.js';
import { createOpenAI } from '../openai/openai-provider.js';
import { collectEvents } from '../testing/stream-helpers.js';
import { type RecordReplayMode, recordReplayMiddleware } from './record-replay-middleware.js';
import { UnrecordedRequestError } from './unrecorded-request-error.js';
import { wrapModel } from './wrap-model.js';

const server = useMswServer();
const baseURL = 'https://openai.test/v1';
const chat = createOpenAI({ apiKey: 'sk-test-key', baseURL }).chat('gpt-4o-mini');
let dir = '';
let file = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-cassette-'));
  file = join(dir, 'cassettes', 'chat.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const withCassette = (mode: RecordReplayMode) =>
  wrapModel(chat, [recordReplayMiddleware({ mode, storage: fileCassetteStorage(file) })]);

function serveOpenAI() {
  let calls = 0;
  server.use(
    http.post(`${baseURL}/chat/completions`, async ({ request }) => {
      calls++;
      const body = (await request.json()) as { stream?: boolean };
      if (body.stream) {
        return new HttpResponse(chunkedStream(openAISSE(fixtureChunks('openai/text.chunks.txt'))), {
          headers: sseHeaders,
        });
      }
      return HttpResponse.json(fixtureJson('openai/text.json') as Record<string, unknown>);
    }),
  );
  return () => calls;
}

describe('recordReplayMiddleware', () => {
  it('records real calls and a real stream once, then replays them with no server', async () => {
    const calls = serveOpenAI();
    const recorder = withCassette('record');
    const recorded = await generateText({ model: recorder, prompt: 'What is RAG?' });
    const recordedEvents = await collectEvents(
      recorder.stream({ messages: [{ role: 'user', content: 'What is RAG?' }] }),
    );
    expect(calls()).toBe(2);
    expect(await readdir(join(dir, 'cassettes'))).toEqual(['chat.json']);

    server.resetHandlers(); // from here any HTTP request fails the test
    const player = withCassette('replay');
    const replayed = await generateText({ model: player, prompt: 'What is RAG?' });
    expect(replayed.text).toBe(recorded.text);
    expect(replayed.usage).toEqual(recorded.usage);
    const result = streamText({ model: player, prompt: 'What is RAG?' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(
      await collectEvents(player.stream({ messages: [{ role: 'user', content: 'What is RAG?' }] })),
    ).toEqual(recordedEvents);
  });

  it('fails loudly on an unrecorded request, naming its key and the file', async () => {
    serveOpenAI();
    await generateText({ model: withCassette('record'), prompt: 'What is RAG?' });
    const error = await generateText({
      model: withCassette('replay'),
      prompt: 'Something else',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecordedRequestError);
    expect((error as UnrecordedRequestError).key).toMatch(/^generate:[0-9a-f]{32}$/);
    expect((error as UnrecordedRequestError).message).toContain(file);
  });

  it('replays a recorded error as the same class with its fields', async () => {
    server.use(
      http.post(`${baseURL}/chat/completions`, () =>
        HttpResponse.json(
          {
            error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
          },
          { status: 429, headers: { 'retry-after-ms': '250' } },
        ),
      ),
    );
    await expect(
      generateText({ model: withCassette('record'), prompt: 'Hi', maxRetries: 0 }),
    ).rejects.toBeInstanceOf(RateLimitError);
    server.resetHandlers();
    const error = await generateText({
      model: withCassette('replay'),
      prompt: 'Hi',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 250,
      providerCode: 'rate_limit_exceeded',
      retryable: true,
    });
  });

  it('in auto mode replays what it has and records the rest', async () => {
    const calls = serveOpenAI();
    await generateText({ model: withCassette('auto'), prompt: 'one' });
    await generateText({ model: withCassette('auto'), prompt: 'one' });
    await generateText({ model: withCassette('auto'), prompt: 'two' });
    expect(calls()).toBe(2);
    const cassette = JSON.parse(await readFile(file, 'utf8')) as {
      entries: Record<string, unknown>;
    };
    expect(Object.keys(cassette.entries)).toHaveLength(2);
  });

  it('refuses a damaged cassette with a ValidationError', async () => {
    await writeFile(
      join(dir, 'bad.json'),
      '{"version":1,"entries":{"k":{"result":{"type":"stream","events":[1]}}}}',
    );
    const model = wrapModel(chat, [
      recordReplayMiddleware({
        mode: 'replay',
        storage: fileCassetteStorage(join(dir, 'bad.json')),
      }),
    ]);
    await expect(generateText({ model, prompt: 'Hi' })).rejects.toBeInstanceOf(ValidationError);
  });
});
