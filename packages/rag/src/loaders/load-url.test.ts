import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError, TimeoutError, ValidationError } from '@weft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUrl } from './load-url.js';
import { LoaderError } from './loader-error.js';

let server: Server;
let origin = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    switch (request.url) {
      case '/page.html':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<title>Served</title><h1>Hello</h1><p>from the server</p>');
        return;
      case '/faq.csv':
        response.writeHead(200, { 'content-type': 'text/csv' });
        response.end('q,a\nWhy?,Because.\n');
        return;
      case '/latin1':
        response.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
        response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        return;
      case '/notes.md':
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end('# From the extension');
        return;
      case '/hang':
        return; // never answers
      case '/stall-body':
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('partial');
        return; // never ends
      case '/endless': {
        response.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'x'.repeat(16 * 1024);
        const pump = () => {
          while (response.write(chunk)) {}
          response.once('drain', pump);
        };
        response.on('close', () => response.removeAllListeners('drain'));
        pump();
        return;
      }
      case '/declared-big':
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '999999' });
        response.end();
        return;
      case '/redirect-local':
        response.writeHead(302, { location: `${origin}/page.html` });
        response.end();
        return;
      case '/image':
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end('png');
        return;
      default:
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('missing');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local = { allowPrivateNetwork: true } as const;

describe('loadUrl', () => {
  it('fetches and parses by content type, with the URL as id and source', async () => {
    const [doc] = await loadUrl(`${origin}/page.html`, local);
    expect(doc?.id).toBe(`${origin}/page.html`);
    expect(doc?.text).toBe('# Hello\n\nfrom the server');
    expect(doc?.metadata).toMatchObject({
      source: `${origin}/page.html`,
      title: 'Served',
      mimeType: 'text/html',
    });
    const rows = await loadUrl(`${origin}/faq.csv`, local);
    expect(rows.map((row) => row.text)).toEqual(['q: Why?\na: Because.']);
  });

  it('decodes the charset the server names and falls back to the extension for the parser', async () => {
    expect((await loadUrl(`${origin}/latin1`, local))[0]?.text).toBe('café');
    expect((await loadUrl(`${origin}/notes.md`, local))[0]?.metadata.title).toBe(
      'From the extension',
    );
  });

  it('refuses private, loopback and link-local addresses by default, before any request', async () => {
    const before = requests.length;
    for (const url of [
      `${origin}/page.html`,
      'http://localhost/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://0.0.0.0/',
      'http://2130706433/', // 127.0.0.1 written as one number
    ]) {
      const error = await loadUrl(url).catch((caught: unknown) => caught);
      expect(error, url).toBeInstanceOf(LoaderError);
      expect((error as LoaderError).code, url).toBe('private_address');
    }
    expect(requests.length).toBe(before);
  });

  it('checks where a redirect leads, not only the first host', async () => {
    // A public-looking host that the test's fetch sends to the local server.
    const viaLocal: typeof fetch = (input, init) =>
      fetch(String(input).replace('http://public.example', origin), init);
    const error = await loadUrl('http://public.example/redirect-local', {
      fetch: viaLocal,
      lookup: async () => ['93.184.216.34'],
    }).catch((caught: unknown) => caught);
    expect((error as LoaderError).code).toBe('private_address');
    expect((error as LoaderError).message).toContain('127.0.0.1');
    const [doc] = await loadUrl(`${origin}/redirect-local`, local);
    expect(doc?.metadata).toMatchObject({
      source: `${origin}/redirect-local`,
      finalUrl: `${origin}/page.html`,
    });
  });

  it('refuses schemes other than http and https', async () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/x',
      'data:text/plain,hi',
      'not a url',
    ]) {
      await expect(loadUrl(url, local), url).rejects.toThrow(ValidationError);
    }
  });

  it('gives up after timeoutMs, waiting for headers or for the body', async () => {
    for (const path of ['/hang', '/stall-body']) {
      const error = await loadUrl(`${origin}${path}`, { ...local, timeoutMs: 150 }).catch(
        (caught: unknown) => caught,
      );
      expect(error, path).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toContain('150 ms');
    }
  });

  it('stops reading at maxBytes, whether or not the size is declared', async () => {
    for (const path of ['/endless', '/declared-big']) {
      const error = await loadUrl(`${origin}${path}`, { ...local, maxBytes: 100_000 }).catch(
        (caught: unknown) => caught,
      );
      expect(error, path).toBeInstanceOf(LoaderError);
      expect((error as LoaderError).code, path).toBe('too_large');
    }
  });

  it('reports HTTP errors, unknown content types and a caller abort clearly', async () => {
    await expect(loadUrl(`${origin}/missing`, local)).rejects.toThrow(/answered HTTP 404/);
    await expect(loadUrl(`${origin}/image`, local)).rejects.toThrow(
      /no loader for content type "image\/png"/,
    );
    const controller = new AbortController();
    const pending = loadUrl(`${origin}/hang`, { ...local, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});
