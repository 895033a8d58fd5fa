/**
 * Your own provider: `createAcme` (acme-provider.ts) is a complete `ChatModel` for a made-up
 * API, written with `@weft/core/provider-utils`. Here it answers `generateText` and
 * `streamText` like any built-in provider, retries a 503, and turns a wrong key into an
 * `AuthenticationError` that does not contain the key. Runs offline against a local server.
 *
 *   pnpm --filter @weft/examples custom-provider
 */
import { AuthenticationError, generateText, streamText } from '@weft/core';
import { createAcme } from './acme-provider.js';
import { startAcmeServer } from './acme-server.js';

const apiKey = 'acme-example-key-123456';
const server = await startAcmeServer(apiKey);
try {
  const acme = createAcme({ apiKey, baseURL: server.url });

  const result = await generateText({ model: acme('acme-1'), prompt: 'Hello from Weft' });
  console.log(`generateText: ${result.text}`);
  console.log(`usage: ${result.usage.inputTokens} in, ${result.usage.outputTokens} out`);

  const stream = streamText({ model: acme('acme-1'), prompt: 'Stream these few words' });
  const deltas: string[] = [];
  for await (const delta of stream.textStream) deltas.push(delta);
  console.log(`streamText: ${deltas.length} deltas: ${deltas.join('')}`);
  console.log(`finish: ${await stream.finishReason}`);

  const retried = await generateText({
    model: acme('acme-1'),
    prompt: 'fail-once please',
    onRetry: ({ attempt, error }) => console.log(`retry ${attempt} after: ${error.message}`),
  });
  console.log(`after the retry: ${retried.text}`);

  const wrongKey = createAcme({ apiKey: 'acme-wrong-key-987654', baseURL: server.url });
  try {
    await generateText({ model: wrongKey('acme-1'), prompt: 'Hello' });
  } catch (error) {
    if (!AuthenticationError.isInstance(error)) throw error;
    console.log(`refused: ${error.name}: ${error.message}`);
  }
} finally {
  server.close();
}
