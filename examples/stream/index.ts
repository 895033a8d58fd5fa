/**
 * Streams an answer token by token, then prints the finish reason and the usage.
 * Press Ctrl-C while it streams to abort the request.
 *
 *   pnpm --filter @weft/examples stream
 *   pnpm --filter @weft/examples stream "Explain transformers."
 */
import { pickModel } from '../shared/pick-model.js';
import { reportError } from '../shared/report-error.js';
import { runStream } from './run-stream.js';

const prompt = process.argv.slice(2).join(' ') || 'Explain neural networks in three sentences.';
const model = await pickModel();

try {
  process.exitCode = await runStream({ model, prompt });
} catch (error) {
  reportError(error);
}
