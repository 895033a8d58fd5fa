/**
 * One streaming contender in its own process (forked by `streaming.ts`): its own heap and
 * JIT state, so no contender's garbage or de-optimized shared code (fetch, web streams)
 * slows another. The parent says `run`; the worker times one request and reports back.
 *
 * argv: <key> <baseURL> <coreUrl> <openaiUrl> <contentChunks> <seed>
 */
import { buildChatStreamPayload } from './chat-stream-payload.js';
import { createContender } from './stream-contenders.js';

export type WorkerRequest = { type: 'run'; sendText: boolean };
export type WorkerReply =
  | { type: 'ready' }
  | {
      type: 'result';
      /** Wall-clock time of the request, start to last delta. */
      ms: number;
      /** CPU time this process spent meanwhile (user + system, all its threads). */
      cpuMs: number;
      matches: boolean;
      length: number;
      text?: string;
    }
  | { type: 'failed'; message: string };

const [key = '', baseURL = '', coreUrl = '', openaiUrl = '', chunks = '', seed = ''] =
  process.argv.slice(2);
const expected = buildChatStreamPayload({
  contentChunks: Number(chunks),
  seed: Number(seed),
}).expectedText;

const reply = (message: WorkerReply) => process.send?.(message);

try {
  const run = await createContender(key, baseURL, { coreUrl, openaiUrl });
  process.on('message', async (message: WorkerRequest) => {
    if (message.type !== 'run') return;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const text = await run();
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      reply({
        type: 'result',
        ms,
        cpuMs: (cpu.user + cpu.system) / 1000,
        matches: text === expected,
        length: text.length,
        ...(message.sendText ? { text } : {}),
      });
    } catch (error) {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
process.on('disconnect', () => process.exit(0));
