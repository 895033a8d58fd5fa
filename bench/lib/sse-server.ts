import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChatStreamServer {
  /** An OpenAI-style base URL, e.g. `http://127.0.0.1:40123/v1`. */
  baseURL: string;
  bytes: number;
  events: number;
  close(): Promise<void>;
}

interface ReadyMessage {
  type: 'ready';
  port: number;
  bytes: number;
  events: number;
}

/**
 * Starts the Chat Completions stream server in a child process. The child inherits this
 * process's loader flags (tsx), so it runs the TypeScript entry directly.
 */
export async function startChatStreamServer(options: {
  contentChunks: number;
  seed: number;
  writeMode: 'whole' | 'events';
}): Promise<ChatStreamServer> {
  const entry = fileURLToPath(new URL('./sse-server-process.ts', import.meta.url));
  const child = fork(
    entry,
    [String(options.contentChunks), String(options.seed), options.writeMode],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const ready = await new Promise<ReadyMessage>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ReadyMessage));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The stream server exited early (${code}).`)));
  });
  return {
    baseURL: `http://127.0.0.1:${ready.port}/v1`,
    bytes: ready.bytes,
    events: ready.events,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
