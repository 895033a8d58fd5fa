import { HttpResponse, http } from 'msw';
import { expect, it } from 'vitest';
import { recordBodies, useMswServer } from '../../test/support/msw.js';
import { anthropicSSE, chunkedStream, fixtureChunks, sseHeaders } from '../../test/support/sse.js';
import { generateText } from '../generate-text/generate-text.js';
import { streamText } from '../generate-text/stream-text.js';
import { createAnthropic } from './anthropic-provider.js';

const server = useMswServer();
const baseURL = 'https://anthropic.test';
const model = createAnthropic({ apiKey: 'sk-ant-test-key', baseURL }).chat('claude-sonnet-4-5');

it('streams thinking with its signature into content that goes back to Anthropic unchanged', async () => {
  const seen = recordBodies();
  server.use(
    http.post(`${baseURL}/v1/messages`, async ({ request }) => {
      await seen.record(request);
      const events = fixtureChunks('anthropic/thinking.chunks.txt') as Array<{ type: string }>;
      return new HttpResponse(chunkedStream(anthropicSSE(events), 13), { headers: sseHeaders });
    }),
  );
  const first = streamText({ model, prompt: 'What is RAG?' });
  const content = await first.content;
  expect(content).toEqual([
    {
      type: 'reasoning',
      text: 'The user wants a short definition of RAG.',
      signature: expect.stringMatching(/^EqQB/),
    },
    { type: 'text', text: 'RAG grounds answers in retrieved text.' },
  ]);
  expect(await first.reasoning).toBe('The user wants a short definition of RAG.');

  await generateText({
    model,
    messages: [
      { role: 'user', content: 'What is RAG?' },
      { role: 'assistant', content },
      { role: 'user', content: 'Shorter, please.' },
    ],
  }).catch(() => undefined);
  expect(seen.bodies[1]?.messages).toEqual([
    { role: 'user', content: 'What is RAG?' },
    {
      role: 'assistant',
      content: [
        {
          type: 'thinking',
          thinking: 'The user wants a short definition of RAG.',
          signature: content[0]?.type === 'reasoning' ? content[0].signature : '',
        },
        { type: 'text', text: 'RAG grounds answers in retrieved text.' },
      ],
    },
    { role: 'user', content: 'Shorter, please.' },
  ]);
});
