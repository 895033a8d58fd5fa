/**
 * Runs `count` tasks, at most `concurrency` at a time, in order of their index. The first
 * failure (or `signal` firing) stops new tasks and aborts the signal the running ones got;
 * the promise settles only after every started task has settled, then rejects with that
 * first failure. No task's rejection is left unhandled.
 */
export async function runBatches(options: {
  count: number;
  concurrency: number;
  signal: AbortSignal;
  run: (index: number, signal: AbortSignal) => Promise<void>;
}): Promise<void> {
  const { count, concurrency, signal, run } = options;
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!stop.signal.aborted && next < count) {
      const index = next++;
      try {
        await run(index, stop.signal);
      } catch (error) {
        // Tasks cancelled because another failed reject too; the first failure is the news.
        if (!failure) {
          failure = { error };
          stop.abort(error);
        }
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure.error;
  if (signal.aborted) throw signal.reason;
}
