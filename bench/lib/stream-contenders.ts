/**
 * The streaming contenders. Each one is set up once (client, provider, model) outside the
 * timing; its run function makes one request to the local server and returns the streamed
 * text, which the benchmark checks against the expected text.
 */

import type * as WeftCore from '@weft/core';
import type * as WeftOpenAI from '@weft/core/openai';
import { createParser } from 'eventsource-parser';
import { benchModelId } from './chat-stream-payload.js';
import type { WeftBuild } from './weft-build.js';

export interface ContenderInfo {
  /** Short label used for ratios: a, b, c, d; reference rows have longer ones. */
  key: string;
  name: string;
  /** Reference rows explain where time goes; they are not among the four compared. */
  reference: boolean;
}

const prompt = 'Explain neural networks.';
const apiKey = 'sk-bench-not-a-real-key';

function requestBody(): string {
  return JSON.stringify({
    model: benchModelId,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
    stream_options: { include_usage: true },
  });
}

function postChatCompletions(baseURL: string): Promise<Response> {
  return fetch(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: requestBody(),
  });
}

interface ChunkShape {
  choices?: { delta?: { content?: string | null } }[];
}

function contentOf(data: string): string {
  const chunk = JSON.parse(data) as ChunkShape;
  return chunk.choices?.[0]?.delta?.content ?? '';
}

/** (a) The floor: fetch, split lines by hand, JSON.parse each `data:` line. */
async function rawFetch(baseURL: string): Promise<string> {
  const response = await postChatCompletions(baseURL);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let text = '';
  let done = false;
  for (;;) {
    const read = await reader.read();
    if (read.done) break;
    if (done) continue;
    pending += decoder.decode(read.value, { stream: true });
    let start = 0;
    for (;;) {
      const newline = pending.indexOf('\n', start);
      if (newline === -1) break;
      const line = pending.slice(start, newline);
      start = newline + 1;
      if (!line.startsWith('data: ')) continue;
      const data = line.slice(6);
      if (data === '[DONE]') {
        done = true;
        break;
      }
      text += contentOf(data);
    }
    pending = pending.slice(start);
  }
  return text;
}

/** Reference: fetch + eventsource-parser (what Weft's SSE layer is built on). */
async function fetchWithEventSourceParser(baseURL: string): Promise<string> {
  const response = await postChatCompletions(baseURL);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  let text = '';
  const parser = createParser({
    onEvent(event) {
      if (event.data !== '[DONE]') text += contentOf(event.data);
    },
  });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const read = await reader.read();
    if (read.done) break;
    parser.feed(decoder.decode(read.value, { stream: true }));
  }
  return text;
}

/** The contenders, in table order. */
export const contenders: readonly ContenderInfo[] = [
  { key: 'a', name: 'raw fetch + line splitting', reference: false },
  { key: 'b', name: 'openai SDK stream', reference: false },
  { key: 'c', name: 'Weft streamText (OpenAI provider)', reference: false },
  { key: 'd', name: 'Vercel AI SDK streamText', reference: false },
  { key: 'a+parser', name: 'fetch + eventsource-parser', reference: true },
  { key: 'c:model', name: 'Weft model.stream() alone, no streamText', reference: true },
];

/**
 * Sets up one contender and returns its run function. Only that contender's library is
 * imported, so a process that runs it holds no other library's code.
 */
export async function createContender(
  key: string,
  baseURL: string,
  weft: Pick<WeftBuild, 'coreUrl' | 'openaiUrl'>,
): Promise<() => Promise<string>> {
  switch (key) {
    case 'a':
      return () => rawFetch(baseURL);
    case 'a+parser':
      return () => fetchWithEventSourceParser(baseURL);
    case 'b': {
      const { default: OpenAI } = await import('openai');
      const client = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
      return async () => {
        const stream = await client.chat.completions.create({
          model: benchModelId,
          messages: [{ role: 'user', content: prompt }],
          stream: true,
          stream_options: { include_usage: true },
        });
        let text = '';
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
        return text;
      };
    }
    case 'c': {
      const core = (await import(weft.coreUrl)) as typeof WeftCore;
      const providers = (await import(weft.openaiUrl)) as typeof WeftOpenAI;
      const model = providers.createOpenAI({ apiKey, baseURL }).chat(benchModelId);
      return async () => {
        const result = core.streamText({ model, prompt, maxRetries: 0 });
        let text = '';
        for await (const delta of result.textStream) text += delta;
        if ((await result.text) !== text) throw new Error('Weft: `text` differs from textStream');
        return text;
      };
    }
    case 'c:model': {
      const providers = (await import(weft.openaiUrl)) as typeof WeftOpenAI;
      const model = providers.createOpenAI({ apiKey, baseURL }).chat(benchModelId);
      const request = { messages: [{ role: 'user' as const, content: prompt }] };
      return async () => {
        let text = '';
        for await (const event of model.stream(request, { maxRetries: 0 })) {
          if (event.type === 'text-delta') text += event.delta;
          else if (event.type === 'error') throw event.error;
        }
        return text;
      };
    }
    case 'd': {
      const { streamText } = await import('ai');
      const { createOpenAI } = await import('@ai-sdk/openai');
      const model = createOpenAI({ apiKey, baseURL }).chat(benchModelId);
      return async () => {
        const result = streamText({ model, prompt, maxRetries: 0 });
        let text = '';
        for await (const delta of result.textStream) text += delta;
        return text;
      };
    }
    default:
      throw new Error(`Unknown contender "${key}".`);
  }
}
