/**
 * A local stand-in for the Acme API (see acme-provider.ts), so the example runs offline.
 * It checks the key, answers once with 503 when asked to (`fail-once` in the prompt), and
 * streams its answer word by word.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startAcmeServer(apiKey: string): Promise<{ url: string; close(): void }> {
  let failedOnce = false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      };
      if (request.headers.authorization !== `Bearer ${apiKey}`) {
        json(401, { error: `invalid key: ${request.headers.authorization ?? 'none'}` });
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        messages: { role: string; content: string }[];
        stream?: boolean;
      };
      const prompt = body.messages.at(-1)?.content ?? '';
      if (prompt.includes('fail-once') && !failedOnce) {
        failedOnce = true;
        json(503, { error: 'overloaded, try again' }, { 'retry-after': '0' });
        return;
      }
      const text = `Acme heard ${prompt.split(/\s+/).length} words: "${prompt}".`;
      const usage = { input: prompt.length, output: text.length };
      if (!body.stream) {
        json(200, { id: 'acme-1', text, usage });
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const word of text.split(/(?<= )/)) {
        response.write(`data: ${JSON.stringify({ delta: word })}\n\n`);
      }
      response.write(`data: ${JSON.stringify({ usage })}\n\ndata: [DONE]\n\n`);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, close: () => server.close() };
}
