import { AbortError, TimeoutError, ValidationError } from '@weft/core';
import type { Document, DocumentMetadata } from '../types/index.js';
import { decodeText } from './document-builder.js';
import { LoaderError } from './loader-error.js';
import { parserForMimeType, parserForPath } from './parsers-by-format.js';
import { isPrivateAddress, parseIPv4, parseIPv6 } from './private-address.js';
import { readBodyCapped } from './read-body-capped.js';
import type { DocumentParser } from './types.js';

export interface LoadUrlOptions {
  /** The whole load (redirects and body included) must finish within this (default 30 s). */
  timeoutMs?: number;
  /** Bodies larger than this are refused while streaming (default 10 MB). */
  maxBytes?: number;
  /**
   * The `fetch` to use. By default, on Node, one that checks the address it connects to (so a
   * name that resolves differently for the check and the connection is still refused); on
   * other runtimes, and with `allowPrivateNetwork`, the global `fetch`. Your own `fetch` gets
   * the check before each request only: pin the addresses it connects to yourself.
   */
  fetch?: typeof globalThis.fetch;
  /** Allow loopback, private and link-local addresses (default false: they are refused). */
  allowPrivateNetwork?: boolean;
  /** Resolves a hostname to its addresses; default node:dns (on edge runtimes, pass your own). */
  lookup?: (hostname: string) => Promise<string[]>;
  /** Redirects followed, each target checked like the first URL (default 5). */
  maxRedirects?: number;
  /** Parse with this instead of the parser chosen by content type. */
  parser?: DocumentParser;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Extra metadata for every document. */
  metadata?: DocumentMetadata;
}

/**
 * Fetches a URL and parses it by its content type (falling back to the path's extension).
 * Only http(s); private, loopback and link-local addresses are refused unless
 * `allowPrivateNetwork` is set, including after redirects. The document id is the URL.
 *
 * @example const [page] = await loadUrl('https://example.com/guide.html', { timeoutMs: 10_000 });
 */
export async function loadUrl(
  url: string | URL,
  options: LoadUrlOptions = {},
): Promise<Document[]> {
  let current = parseHttpUrl(String(url));
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 30_000);
  const maxBytes = positive('maxBytes', options.maxBytes, 10 * 1024 * 1024);
  const maxRedirects = positive('maxRedirects', options.maxRedirects, 5);
  const fetchImpl = options.fetch ?? (await defaultFetch(options));
  const source = current.href;

  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new TimeoutError(`Loading ${source} took longer than ${timeoutMs} ms.`, { timeoutMs }),
      ),
    timeoutMs,
  );
  const onCallerAbort = () =>
    controller.abort(
      new AbortError(`Loading ${source} was aborted.`, { cause: options.signal?.reason }),
    );
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    let response: Response | undefined;
    for (let redirects = 0; ; redirects++) {
      if (!options.allowPrivateNetwork)
        await refusePrivateHost(current, options.lookup, controller.signal);
      response = await raceAbort(
        fetchImpl(current.href, {
          redirect: 'manual',
          headers: options.headers,
          signal: controller.signal,
        }),
        controller.signal,
      );
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) break;
      await response.body?.cancel().catch(() => undefined);
      if (redirects >= maxRedirects) {
        throw new LoaderError(`${source}: more than ${maxRedirects} redirects.`, {
          code: 'too_many_redirects',
          source,
        });
      }
      current = parseHttpUrl(new URL(location, current).href);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new LoaderError(`${source} answered HTTP ${response.status}.`, {
        code: 'http_status',
        source,
      });
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new LoaderError(`${source} is ${declared} bytes, over maxBytes (${maxBytes}).`, {
        code: 'too_large',
        source,
      });
    }
    const contentType = response.headers.get('content-type') ?? '';
    const parser =
      options.parser ?? parserForMimeType(contentType) ?? parserForPath(current.pathname);
    if (!parser) {
      await response.body?.cancel().catch(() => undefined);
      throw new LoaderError(
        `${source}: no loader for content type ${JSON.stringify(contentType)}.`,
        {
          code: 'no_loader',
          source,
        },
      );
    }
    const bytes = await readBodyCapped(response.body, maxBytes, controller.signal, source);
    const charset = /;\s*charset="?([\w.:-]+)"?/i.exec(contentType)?.[1];
    const isText = /^(text\/|application\/(json|x-ndjson|jsonl|xhtml))/i.test(contentType);
    const input = charset && isText ? decodeText(bytes, charset) : bytes;
    const metadata: DocumentMetadata = { ...options.metadata };
    if (current.href !== source) metadata.finalUrl = current.href;
    return await parser(input, { id: source, source, metadata });
  } catch (error) {
    if (controller.signal.aborted && error === controller.signal.reason) throw error;
    if (controller.signal.aborted) throw controller.signal.reason;
    if (error instanceof LoaderError || error instanceof ValidationError) throw error;
    throw new LoaderError(`Could not load ${source}: ${(error as Error).message}`, {
      code: 'fetch_failed',
      source,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** On Node, unless private addresses are allowed, a fetch that checks what it connects to. */
async function defaultFetch(options: LoadUrlOptions): Promise<typeof globalThis.fetch> {
  const onNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (options.allowPrivateNetwork || !onNode) return globalThis.fetch;
  const [{ pinnedFetch }, { lookupAddresses }] = await Promise.all([
    import('./pinned-fetch.js'),
    import('./resolve-host.js'),
  ]);
  return pinnedFetch({ resolve: options.lookup ?? lookupAddresses });
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError(`Not a valid URL: ${JSON.stringify(text)}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError(`Only http and https URLs can be loaded, not ${url.protocol}.`);
  }
  return url;
}

/**
 * Refuses hosts that are, or resolve to, private addresses. The check happens before the
 * request, for a clear error before any connection. A DNS answer that changes between this
 * check and the connection (rebinding) is caught by Node's default fetch (pinned-fetch.ts),
 * which checks the addresses it connects to; a caller's own `fetch` must do that itself.
 */
async function refusePrivateHost(
  url: URL,
  lookup: ((hostname: string) => Promise<string[]>) | undefined,
  signal: AbortSignal,
): Promise<void> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const isLiteral = parseIPv4(hostname) !== undefined || parseIPv6(hostname) !== undefined;
  let addresses: string[];
  if (isLiteral) addresses = [hostname];
  else {
    const resolve = lookup ?? (await import('./resolve-host.js')).lookupAddresses;
    try {
      addresses = await raceAbort(resolve(hostname), signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new LoaderError(`Could not resolve ${hostname}: ${(error as Error).message}`, {
        code: 'dns_failed',
        source: url.href,
        cause: error,
      });
    }
  }
  const refused = addresses.find(isPrivateAddress);
  if (addresses.length === 0 || refused !== undefined) {
    throw new LoaderError(
      `Refusing to load ${url.href}: ${hostname} is a private, loopback or link-local address${refused && refused !== hostname ? ` (${refused})` : ''}. Pass allowPrivateNetwork: true to allow it.`,
      { code: 'private_address', source: url.href },
    );
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The promise settles on its own (a fetch given an aborted signal rejects): not unhandled.
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new ValidationError(`${name} must be a non-negative number, got ${String(value)}.`);
  }
  return value;
}
