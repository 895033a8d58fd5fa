import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { LoaderError } from './loader-error.js';
import { isPrivateAddress } from './private-address.js';

/** Node-only (node:http, node:https): the `fetch` loadUrl uses by default on Node. */
export interface PinnedFetchOptions {
  /** Every address a hostname resolves to. */
  resolve: (hostname: string) => Promise<string[]>;
  /** Whether a resolved address may be connected to (default: not private, loopback, link-local). */
  isAllowed?: (address: string) => boolean;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A minimal GET-only `fetch` that checks the addresses it connects to, in the socket's own
 * DNS lookup. A check before the request alone is not enough: the name can resolve to a
 * public address for the check and to a private one for the connection (DNS rebinding).
 * Here the address checked is the address connected to. Redirects are not followed.
 */
export function pinnedFetch(options: PinnedFetchOptions): typeof globalThis.fetch {
  const isAllowed = options.isAllowed ?? ((address: string) => !isPrivateAddress(address));
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    options.resolve(hostname).then(
      (addresses) => {
        const refused = addresses.find((address) => !isAllowed(address));
        if (addresses.length === 0 || refused !== undefined) {
          const error = new LoaderError(
            refused === undefined
              ? `${hostname} resolved to no address.`
              : `Refusing to connect to ${hostname}: it resolved to ${refused}, a private, loopback or link-local address. Pass allowPrivateNetwork: true to allow it.`,
            { code: refused === undefined ? 'fetch_failed' : 'private_address', source: hostname },
          );
          callback(error as NodeJS.ErrnoException, '', 0);
          return;
        }
        const entries = addresses.map((address) => ({
          address,
          family: address.includes(':') ? 6 : 4,
        }));
        if (lookupOptions.all) {
          (callback as unknown as (error: null, all: typeof entries) => void)(null, entries);
        } else {
          const first = entries[0] as (typeof entries)[number];
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };

  return (input, init) =>
    new Promise<Response>((resolvePromise, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? 'GET';
      if (method !== 'GET') {
        reject(new TypeError(`pinnedFetch only sends GET requests, not ${method}.`));
        return;
      }
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      // No shared agent: a pooled socket could have been opened under another check.
      const request = send(url, { method, headers, lookup, signal, agent: false });
      request.on('error', (error) => reject(innerLoaderError(error) ?? error));
      request.on('response', (message) => resolvePromise(toResponse(message)));
      request.end();
    });
}

/** The LoaderError our lookup raised, which node may wrap (e.g. in an AggregateError). */
function innerLoaderError(error: unknown): LoaderError | undefined {
  if (error instanceof LoaderError) return error;
  const nested = (error as { errors?: unknown[]; cause?: unknown } | undefined) ?? {};
  for (const inner of [...(nested.errors ?? []), nested.cause]) {
    const found = inner === undefined ? undefined : innerLoaderError(inner);
    if (found) return found;
  }
  return undefined;
}

function toResponse(message: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const status = message.statusCode ?? 500;
  if (nullBodyStatuses.has(status)) {
    message.resume();
    return new Response(null, { status, headers });
  }
  const body = Readable.toWeb(message) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: message.statusMessage, headers });
}
