import type { ServerResponse } from 'node:http';
import {
  type CannedReply,
  type MockHandler,
  type ReceivedRequest,
  replyFor,
  sendJson,
  startSSE,
  streamPieces,
} from './mock-server.js';

/**
 * OpenAI Chat Completions, as the API sends it: a `chat.completion` object, or SSE
 * `data: <chunk>` lines (role first, content deltas, a finish chunk, a usage chunk with
 * empty `choices` when `stream_options.include_usage` is set) and `data: [DONE]`.
 */

const created = 1767225600;

function usageOf(reply: CannedReply) {
  return {
    prompt_tokens: reply.inputTokens,
    completion_tokens: reply.outputTokens,
    total_tokens: reply.inputTokens + reply.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function openAICompletion(reply: CannedReply, model: string, id: string) {
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageOf(reply),
    service_tier: 'default',
    system_fingerprint: 'fp_weft_test',
  };
}

/** The SSE chunks of a streamed reply, as the API writes them. */
export function openAIChunks(
  reply: CannedReply,
  model: string,
  id: string,
  options: { includeUsage: boolean },
): string[] {
  const chunk = (choices: unknown[], usage: unknown = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_weft_test', choices, usage })}\n\n`;
  const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });
  const chunks = [chunk([choice({ role: 'assistant', content: '', refusal: null })])];
  for (const piece of streamPieces(reply.text)) chunks.push(chunk([choice({ content: piece })]));
  chunks.push(chunk([choice({}, 'stop')]));
  if (options.includeUsage) chunks.push(chunk([], usageOf(reply)));
  chunks.push('data: [DONE]\n\n');
  return chunks;
}

function answer(request: ReceivedRequest, res: ServerResponse, reply: CannedReply, index: number) {
  const model = typeof request.body.model === 'string' ? request.body.model : 'unknown';
  const id = `chatcmpl-weft-test-${index + 1}`;
  const headers = { 'x-request-id': `req_test_${index + 1}` };
  if (request.body.stream !== true) {
    sendJson(res, 200, openAICompletion(reply, model, id), headers);
    return;
  }
  const streamOptions = request.body.stream_options as { include_usage?: boolean } | undefined;
  startSSE(res, headers);
  const chunks = openAIChunks(reply, model, id, {
    includeUsage: streamOptions?.include_usage === true,
  });
  for (const chunk of chunks) res.write(chunk);
  res.end();
}

/**
 * Serves `POST .../chat/completions` with the replies in order (the last one repeats),
 * streamed or not as the request asks. Other paths get OpenAI's 404 error body.
 */
export function openAIChatServer(replies: CannedReply[]): MockHandler {
  return (request, res, index) => {
    if (request.method !== 'POST' || !request.path.split('?')[0]?.endsWith('/chat/completions')) {
      sendJson(res, 404, {
        error: { message: `Unknown path ${request.path}`, type: 'invalid_request_error' },
      });
      return;
    }
    answer(request, res, replyFor(replies, index), index);
  };
}

/**
 * A vector derived from the text (an FNV-1a hash in a few components, the rest zero), so
 * the same text always gets the same vector. 1,536 dimensions, as text-embedding-3-small.
 */
export function fakeEmbedding(text: string, dimensions = 1536): Float32Array {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const vector = new Float32Array(dimensions);
  vector.set([1, (hash & 0xff) / 255, ((hash >>> 8) & 0xff) / 255, 0.5]);
  return vector;
}

/** Serves `POST .../embeddings` as OpenAI does by default for the SDK: base64 float32 vectors. */
export function openAIEmbeddingsServer(dimensions = 1536): MockHandler {
  return (request, res) => {
    if (request.method !== 'POST' || !request.path.split('?')[0]?.endsWith('/embeddings')) {
      sendJson(res, 404, {
        error: { message: `Unknown path ${request.path}`, type: 'invalid_request_error' },
      });
      return;
    }
    const input = request.body.input as string[];
    sendJson(res, 200, {
      object: 'list',
      data: input.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: Buffer.from(fakeEmbedding(text, dimensions).buffer).toString('base64'),
      })),
      model: request.body.model,
      usage: { prompt_tokens: input.length * 10, total_tokens: input.length * 10 },
    });
  };
}

/** The texts sent to `.../embeddings` in `requests`. */
export function embeddedTexts(requests: readonly ReceivedRequest[]): string[] {
  return requests
    .filter((request) => request.path.split('?')[0]?.endsWith('/embeddings'))
    .flatMap((request) => request.body.input as string[]);
}
