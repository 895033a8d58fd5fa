import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The mock embeddings server (lib/embedding-server-process.ts), running in its own process. */
export interface EmbeddingServer {
  baseURL: string;
  stats(): Promise<{ requests: number; maxInFlight: number }>;
  close(): Promise<void>;
}

/** Starts the mock server: each request answered `latencyMs` after it arrives, `dimensions` floats a vector. */
export async function startEmbeddingServer(options: {
  latencyMs: number;
  dimensions: number;
}): Promise<EmbeddingServer> {
  const entry = fileURLToPath(new URL('./embedding-server-process.ts', import.meta.url));
  const child = fork(entry, [String(options.latencyMs), String(options.dimensions)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The embedding server exited (${code}).`)));
  });
  return {
    baseURL: `http://127.0.0.1:${ready.port}/v1`,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (message) =>
          resolve(message as { requests: number; maxInFlight: number }),
        );
        child.send({ type: 'stats' });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
