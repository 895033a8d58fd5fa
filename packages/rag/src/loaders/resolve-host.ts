import { lookup } from 'node:dns/promises';

/** Every address a hostname resolves to (Node-only: node:dns). */
export async function lookupAddresses(hostname: string): Promise<string[]> {
  const results = await lookup(hostname, { all: true, verbatim: true });
  return results.map((result) => result.address);
}
