import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUrl } from './load-url.js';
import { LoaderError } from './loader-error.js';
import { pinnedFetch } from './pinned-fetch.js';

let server: Server;
let port = 0;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/empty') {
      response.writeHead(204, { 'x-kind': 'empty' });
      response.end();
      return;
    }
    if (request.url === '/stall') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('partial');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': ['a=1', 'b=2'],
      'x-echo': String(request.headers['x-test'] ?? ''),
    });
    response.end('<title>Pinned</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('loadUrl on Node, DNS rebinding', () => {
  it('refuses a name that resolves to a public address for the check and a private one for the connection', async () => {
    const answers = [['93.184.216.34'], ['127.0.0.1']];
    const lookups: string[] = [];
    const lookup = async (hostname: string) => {
      lookups.push(hostname);
      return answers[Math.min(lookups.length - 1, answers.length - 1)] as string[];
    };
    const before = requests.length;
    const error = await loadUrl(`http://rebind.example:${port}/page.html`, { lookup }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).code).toBe('private_address');
    expect((error as LoaderError).message).toContain('127.0.0.1');
    // Checked once before the request and once by the connection itself.
    expect(lookups).toEqual(['rebind.example', 'rebind.example']);
    expect(requests.length).toBe(before);
  });
});

describe('pinnedFetch', () => {
  const allowLocal = pinnedFetch({
    resolve: async () => ['127.0.0.1'],
    isAllowed: (address) => address === '127.0.0.1',
  });

  it('connects only to the addresses it checked and answers like fetch', async () => {
    const response = await allowLocal(`http://docs.example:${port}/page.html`, {
      headers: { 'x-test': 'sent' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-echo')).toBe('sent');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.text()).toBe('<title>Pinned</title><p>hello</p>');
  });

  it('gives a null body for 204 and refuses methods other than GET', async () => {
    const response = await allowLocal(`http://docs.example:${port}/empty`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    await expect(
      allowLocal(`http://docs.example:${port}/page.html`, { method: 'POST' }),
    ).rejects.toThrow(/only sends GET/);
  });

  it('refuses an address the check does not allow, and a name with no address', async () => {
    const strict = pinnedFetch({ resolve: async () => ['10.1.2.3', '127.0.0.1'] });
    const before = requests.length;
    const refused = await strict(`http://docs.example:${port}/page.html`).catch(
      (caught: unknown) => caught,
    );
    expect((refused as LoaderError).code).toBe('private_address');
    const nowhere = pinnedFetch({ resolve: async () => [] });
    const missing = await nowhere(`http://docs.example:${port}/page.html`).catch(
      (caught: unknown) => caught,
    );
    expect((missing as LoaderError).message).toContain('resolved to no address');
    expect(requests.length).toBe(before);
  });

  it('stops reading the body when the signal aborts', async () => {
    const controller = new AbortController();
    const response = await allowLocal(`http://docs.example:${port}/stall`, {
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('partial');
    const rest = reader.read();
    controller.abort(new Error('stop'));
    await expect(rest).rejects.toThrow();
  });
});
