import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny local server that speaks OpenAI's Chat Completions protocol, for the offline demo.
 * Whatever it is asked, it answers with the same scripted reply (streamed word by word in
 * the real SSE format, usage in the last chunk), so `pnpm demo` works on a fresh machine
 * with no API key. It is not a model.
 */

export const offlineReply =
  '[OFFLINE DEMO: a scripted reply, not a language model.] ' +
  'A neural network is a stack of layers of simple units: each unit weighs its inputs, ' +
  'adds them up and passes the sum through a non-linear function. Training shows the ' +
  'network many examples and nudges every weight, by gradient descent, in the direction ' +
  'that makes its output a little less wrong. After enough examples the layers hold ' +
  'features, from edges and word pieces up to whole ideas, that let the network answer ' +
  'inputs it has never seen.';

export const offlineModelId = 'weft-offline-demo';

export interface OfflineServer {
  /** The API root to give a provider, e.g. `http://127.0.0.1:53817/v1`. */
  baseURL: string;
  close(): Promise<void>;
}

export interface OfflineServerOptions {
  /** Pause between streamed words, so the output looks like a model typing. Default 20. */
  wordDelayMs?: number;
}

const maxBodyBytes = 1_000_000;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, {
    error: { message, type: 'invalid_request_error', param: null, code: null },
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface ChatBody {
  model: string;
  stream: boolean;
  includeUsage: boolean;
  promptChars: number;
  messageCount: number;
}

/** Checks the parts of a Chat Completions request this server uses. */
function parseChatBody(text: string): ChatBody | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'The request body is not JSON.';
  }
  if (typeof json !== 'object' || json === null) return 'The request body is not an object.';
  const body = json as Record<string, unknown>;
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return '`messages` must be a non-empty array.';
  }
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  return {
    model: typeof body.model === 'string' ? body.model : offlineModelId,
    stream: body.stream === true,
    includeUsage: streamOptions?.include_usage === true,
    promptChars: JSON.stringify(body.messages).length,
    messageCount: body.messages.length,
  };
}

/** The reply's words, each with the space that follows it. */
const replyPieces = offlineReply.match(/\S+\s*/g) ?? [offlineReply];

function usageFor(body: ChatBody) {
  // Rough counts (about 4 characters a token): this server has no tokenizer.
  const promptTokens = Math.ceil(body.promptChars / 4) + 3 * body.messageCount;
  const completionTokens = replyPieces.length;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

function streamReply(res: ServerResponse, body: ChatBody, wordDelayMs: number) {
  const id = `chatcmpl-offline-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices, ...extra })}\n\n`;
  const delta = (content: Record<string, unknown>, finishReason: string | null = null) => ({
    index: 0,
    delta: content,
    logprobs: null,
    finish_reason: finishReason,
  });

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(chunk([delta({ role: 'assistant', content: '' })]));
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The client left (Ctrl-C), or the reply is complete: no more writes.
  res.once('close', () => clearTimeout(timer));
  const writeNext = () => {
    if (res.destroyed) return;
    const piece = replyPieces[next++];
    if (piece !== undefined) {
      res.write(chunk([delta({ content: piece })]));
      timer = setTimeout(writeNext, wordDelayMs);
      return;
    }
    res.write(chunk([delta({}, 'stop')]));
    if (body.includeUsage) res.write(chunk([], { usage: usageFor(body) }));
    res.end('data: [DONE]\n\n');
  };
  timer = setTimeout(writeNext, wordDelayMs);
}

function completeReply(res: ServerResponse, body: ChatBody) {
  sendJson(res, 200, {
    id: `chatcmpl-offline-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: offlineReply, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageFor(body),
  });
}

/** Starts the server on 127.0.0.1 (a free port), answering `POST <baseURL>/chat/completions`. */
export async function startOfflineServer(
  options: OfflineServerOptions = {},
): Promise<OfflineServer> {
  const wordDelayMs = options.wordDelayMs ?? 20;
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/chat/completions') {
      sendError(res, 404, `This offline demo server only answers POST /v1/chat/completions.`);
      return;
    }
    let text: string;
    try {
      text = await readBody(req);
    } catch (error) {
      sendError(res, 400, error instanceof Error ? error.message : String(error));
      return;
    }
    const body = parseChatBody(text);
    if (typeof body === 'string') sendError(res, 400, body);
    else if (body.stream) streamReply(res, body, wordDelayMs);
    else completeReply(res, body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
