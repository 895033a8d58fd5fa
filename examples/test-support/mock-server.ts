import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the mock server received, with its JSON body parsed. */
export interface ReceivedRequest {
  method: string;
  /** The path and query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** Resolves when the connection closes; `beforeEnd` is true when the client left first. */
  closed: Promise<{ beforeEnd: boolean }>;
}

/** Answers one request; `index` counts the requests, from 0. */
export type MockHandler = (
  request: ReceivedRequest,
  res: ServerResponse,
  index: number,
) => void | Promise<void>;

export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * Starts a node:http server on 127.0.0.1 that records every request and lets `handler`
 * answer it. A handler that throws answers 500, so a test sees the failure.
 */
export async function startMockServer(handler: MockHandler): Promise<MockServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const closed = new Promise<{ beforeEnd: boolean }>((resolve) => {
      res.once('close', () => resolve({ beforeEnd: !res.writableFinished }));
    });
    try {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: await readJson(req),
        closed,
      };
      requests.push(request);
      await handler(request, res, requests.length - 1);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `mock server failed: ${String(error)}` } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts an SSE response; write events with `res.write`. */
export function startSSE(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...headers,
  });
}

/** A reply the mock providers give: its text and the token counts they report. */
export interface CannedReply {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

/** The text in pieces of a few words, as a model streams it. */
export function streamPieces(text: string): string[] {
  const words = text.match(/\S+\s*/g) ?? [text];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += 2) pieces.push(words.slice(i, i + 2).join(''));
  return pieces;
}

/** The reply for request `index`: the last one repeats. */
export function replyFor(replies: CannedReply[], index: number): CannedReply {
  const reply = replies[Math.min(index, replies.length - 1)];
  if (!reply) throw new Error('no canned reply given');
  return reply;
}
