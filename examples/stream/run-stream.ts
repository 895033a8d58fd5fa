import { AbortError, type ChatModel, streamText } from '@weft/core';
import { formatUsage } from '../shared/format-usage.js';

export interface RunStreamOptions {
  model: ChatModel;
  prompt: string;
}

/**
 * Streams the model's answer to stdout as it arrives, then prints the finish reason and the
 * usage. Ctrl-C aborts the request (a second Ctrl-C leaves at once). Resolves with the exit
 * code: 0, or 130 after Ctrl-C. Other failures are thrown.
 */
export async function runStream({ model, prompt }: RunStreamOptions): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);

  const result = streamText({ model, prompt, signal: controller.signal });
  try {
    for await (const delta of result.textStream) process.stdout.write(delta);
    process.stdout.write('\n\n');
    console.log(`Finish reason: ${await result.finishReason}`);
    console.log(formatUsage(await result.usage));
    return 0;
  } catch (error) {
    process.stdout.write('\n\n'); // end the partial answer's line before any message
    if (!AbortError.isInstance(error)) throw error;
    console.log('Aborted (Ctrl-C): the request was cancelled.');
    // `usage` resolves even after an abort, with what the provider had reported by then.
    console.log(formatUsage(await result.usage));
    return 130;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
