import { fork } from 'node:child_process';

/** Node flags for a worker written in TypeScript that imports the workspace's sources. */
export const tsxWorkerFlags: readonly string[] = ['--import', 'tsx', '--conditions=@weft/source'];

/**
 * Runs one benchmark worker in a process of its own and resolves with the last message it
 * sent, once it has exited; rejects if it exits without sending one. `execArgv` defaults to
 * this process's flags, `env` to this process's environment.
 */
export function runWorker<Reply>(
  entry: string,
  argv: readonly string[],
  options: { label: string; execArgv?: readonly string[]; env?: NodeJS.ProcessEnv },
): Promise<Reply> {
  const child = fork(entry, [...argv], {
    execArgv: options.execArgv ? [...options.execArgv] : undefined,
    env: options.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<Reply>((resolve, reject) => {
    let reply: { value: Reply } | undefined;
    child.on('message', (message) => {
      reply = { value: message as Reply };
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reply ? resolve(reply.value) : reject(new Error(`${options.label} worker exited (${code})`)),
    );
  });
}
