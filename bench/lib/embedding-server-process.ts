/**
 * The embeddings benchmark's server, in its own process so that building responses does
 * not share the measured client's event loop. `POST /v1/embeddings` answers after a fixed
 * latency with one base64 float32 vector per input, as OpenAI does for
 * `encoding_format: 'base64'` (and as the openai SDK asks by default).
 *
 * argv: <latencyMs> <dimensions>
 */
import { createServer } from 'node:http';
import { poolIndexOf, poolSize, poolVector } from './embedding-corpus.js';

const latencyMs = Number(process.argv[2] ?? 50);
const dimensions = Number(process.argv[3] ?? 1536);

const pool = Array.from({ length: poolSize }, (_, k) =>
  Buffer.from(poolVector(k, dimensions).buffer).toString('base64'),
);
let inFlight = 0;
let maxInFlight = 0;
let requests = 0;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || !request.url?.endsWith('/embeddings')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      model: string;
      input: string[];
    };
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const requestId = `req_bench_${requests}`;
    // The latency starts when the request has arrived; the answer is built while it runs,
    // so the server's own work never adds to it.
    const answerAt = performance.now() + latencyMs;
    const items = body.input.map(
      (text, index) =>
        `{"object":"embedding","index":${index},"embedding":"${pool[poolIndexOf(text)]}"}`,
    );
    const tokens = body.input.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    const json = Buffer.from(
      `{"object":"list","data":[${items.join(',')}],"model":${JSON.stringify(body.model)},"usage":{"prompt_tokens":${tokens},"total_tokens":${tokens}}}`,
    );
    setTimeout(
      () => {
        inFlight--;
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(json.length),
          'x-request-id': requestId,
        });
        response.end(json);
      },
      Math.max(0, answerAt - performance.now()),
    );
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    process.send?.({ type: 'stats', requests, maxInFlight });
    requests = 0;
    maxInFlight = 0;
  }
});

// The parent owns this process: when it goes, so does the server.
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
