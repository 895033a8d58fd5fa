import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Test support: a real HTTP server whose replies are scripted per request. */

export type FaultHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
) => void;

export interface ReceivedRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FaultServer {
  /** Base origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  requests: ReceivedRequest[];
  /** Scripts the replies: request i gets handler i (the last one repeats). */
  reply(...handlers: FaultHandler[]): void;
  /** Connections that carried a request and are still open. */
  openSockets(): number;
  /**
   * Waits (bounded) until every connection that carried a request is closed; resolves with
   * the count left. Idle connections that Node's fetch (undici) opens on its own after a
   * destroyed one, with no request on them, are not ours to close and are not counted.
   */
  settle(maxWaitMs?: number): Promise<number>;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const requests: ReceivedRequest[] = [];
  let handlers: FaultHandler[] = [];
  const server = createServer((request, response) => {
    sockets.add(request.socket);
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const index = requests.length;
      requests.push({ url: request.url ?? '', headers: request.headers, body });
      const handler = handlers[Math.min(index, handlers.length - 1)];
      if (!handler) throw new Error('fault server: no handler scripted');
      handler(request, response, body);
    });
  });
  const allSockets = new Set<Socket>();
  server.on('connection', (socket) => {
    allSockets.add(socket);
    socket.on('close', () => {
      allSockets.delete(socket);
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault server: no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    reply(...next) {
      handlers = next;
      requests.length = 0;
    },
    openSockets: () => sockets.size,
    async settle(maxWaitMs = 2_000) {
      const until = Date.now() + maxWaitMs;
      while (sockets.size > 0 && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 10));
      return sockets.size;
    },
    async close() {
      for (const socket of allSockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const closeHeader = { connection: 'close' };

/** A JSON reply. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FaultHandler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...closeHeader, ...headers });
    response.end(JSON.stringify(body));
  };
}

/** An SSE reply of complete frames (`data: ...\n\n` strings). */
export function sse(frames: string[]): FaultHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', ...closeHeader });
    for (const frame of frames) response.write(frame);
    response.end();
  };
}

/** Destroys the connection before any header is sent. */
export const resetBeforeHeaders: FaultHandler = (request) => {
  request.socket.destroy();
};

/**
 * Sends headers and the first frames, then destroys the connection. The body is chunked
 * (as providers send it), so the client can tell a drop from the end of the body.
 */
export function dropAfter(frames: string[], contentType = 'text/event-stream'): FaultHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'transfer-encoding': 'chunked' });
    for (const frame of frames) response.write(frame);
    setTimeout(() => response.socket?.destroy(), 20);
  };
}

/** Sends headers and the first frames, then goes silent (until the client hangs up). */
export function silentAfter(frames: string[] | undefined): FaultHandler {
  return (_request, response) => {
    if (frames === undefined) return;
    response.writeHead(200, { 'content-type': 'text/event-stream', ...closeHeader });
    for (const frame of frames) response.write(frame);
  };
}
