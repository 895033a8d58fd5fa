/**
 * The streaming benchmark's server, run in its own process (see `sse-server.ts`) so that
 * writing the stream does not share the measured client's event loop. It builds the
 * payload once and answers every POST with it.
 *
 * argv: <contentChunks> <seed> <writeMode: whole | events>
 */
import { createServer } from 'node:http';
import { buildChatStreamPayload } from './chat-stream-payload.js';

type WriteMode = 'whole' | 'events';

const contentChunks = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 20_000);
const writeMode = (process.argv[4] ?? 'whole') as WriteMode;

const payload = buildChatStreamPayload({ contentChunks, seed });

/** The body cut at event boundaries, for `events` mode: one socket write per SSE event. */
function splitEvents(body: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let start = 0;
  for (;;) {
    const end = body.indexOf('\n\n', start);
    if (end === -1) break;
    pieces.push(body.subarray(start, end + 2));
    start = end + 2;
  }
  return pieces;
}
const eventPieces = writeMode === 'events' ? splitEvents(payload.body) : [];

let requestCount = 0;

const server = createServer((request, response) => {
  // Read the request body to its end, as a real server would, before answering.
  request.resume();
  request.on('end', async () => {
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
      return;
    }
    requestCount++;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': `req_bench_${requestCount}`,
    });
    if (writeMode === 'whole') {
      response.end(payload.body);
      return;
    }
    for (const piece of eventPieces) {
      if (!response.write(piece)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port, bytes: payload.body.length, events: payload.events });
});

// The parent owns this process: when it goes, so does the server.
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
