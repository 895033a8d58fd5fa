import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** A child never runs longer than this; a hung example is killed and fails its test. */
const hangGuardMs = 45_000;

export interface ExampleResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the example hung and was killed. */
  hung: boolean;
}

export interface RunningExample {
  readonly child: ChildProcess;
  /** Resolves once stdout contains `text`; rejects if the example exits first. */
  waitForStdout(text: string): Promise<void>;
  readonly exited: Promise<ExampleResult>;
}

export interface ExampleOptions {
  /**
   * The child's whole environment besides PATH. Nothing else is inherited, so keys set on
   * this machine never reach the examples under test.
   */
  env?: Record<string, string>;
  args?: string[];
}

/** Starts `tsx --conditions=@weft/source <script>` in examples/, with a clean environment. */
export function startExample(script: string, options: ExampleOptions = {}): RunningExample {
  const child = spawn(tsx, ['--conditions=@weft/source', script, ...(options.args ?? [])], {
    cwd: examplesDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let hung = false;
  const watchers = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    stdout += data;
    for (const check of watchers) check();
  });
  child.stderr.setEncoding('utf8').on('data', (data: string) => {
    stderr += data;
  });
  const guard = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, hangGuardMs);
  const exited = new Promise<ExampleResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(guard);
      for (const check of watchers) check();
      resolve({ code, stdout, stderr, hung });
    });
  });

  return {
    child,
    exited,
    waitForStdout(text: string) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (stdout.includes(text)) {
            watchers.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            watchers.delete(check);
            reject(
              new Error(`exited before printing ${JSON.stringify(text)}:\n${stdout}\n${stderr}`),
            );
          }
        };
        watchers.add(check);
        check();
      });
    },
  };
}

/**
 * Runs an example to its end. `input` is written to its stdin; stdin is then closed,
 * unless `keepInputOpen` is set (to prove that the example leaves on its own).
 */
export async function runExample(
  script: string,
  options: ExampleOptions & { input?: string; keepInputOpen?: boolean } = {},
): Promise<ExampleResult> {
  const run = startExample(script, options);
  const stdin = run.child.stdin;
  stdin?.on('error', () => {}); // the example may exit before reading everything
  if (options.input) stdin?.write(options.input);
  if (!options.keepInputOpen) stdin?.end();
  const result = await run.exited;
  if (options.keepInputOpen) stdin?.destroy();
  return result;
}

/** A readable failure message: the exit code and everything the example printed. */
export function describeRun(result: ExampleResult): string {
  return `exit code ${result.code}${result.hung ? ' (hung, killed)' : ''}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}
