import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./persist-fault-child.ts', import.meta.url));

/**
 * Starts persist-fault-child.ts saving a new store of `rows` records over `path` (with an
 * HNSW graph when `hnsw`), waits until it has begun, then kills it with SIGKILL at a random
 * moment up to `maxDelayMs` later (test support, Node only).
 */
export async function killWhileSaving(options: {
  path: string;
  rows: number;
  hnsw?: boolean;
  maxDelayMs: number;
  random: () => number;
}): Promise<void> {
  const args = [options.path, String(options.rows), ...(options.hnsw ? ['hnsw'] : [])];
  const worker = fork(child, args, {
    execArgv: ['--import', 'tsx', '--conditions=@weft/source'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('exit', (code) => reject(new Error(`the saving process exited early (${code})`)));
  });
  await new Promise((resolve) => setTimeout(resolve, options.random() * options.maxDelayMs));
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  await exited;
}
