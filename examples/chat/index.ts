/**
 * One chat call: a system message and a user message, with a temperature and an output
 * limit. Prints the answer and the tokens it used.
 *
 *   pnpm --filter @weft/examples chat
 *   pnpm --filter @weft/examples chat "What is a vector database?"
 */
import { generateText } from '@weft/core';
import { formatUsage } from '../shared/format-usage.js';
import { pickModel } from '../shared/pick-model.js';
import { reportError } from '../shared/report-error.js';

const question = process.argv.slice(2).join(' ') || 'Explain RAG in 2 sentences.';
const model = await pickModel();

try {
  const result = await generateText({
    model,
    system: 'You are a helpful assistant.',
    prompt: question,
    temperature: 0.7, // 0 is the most deterministic
    maxOutputTokens: 200,
  });
  console.log(result.text);
  console.log();
  console.log(formatUsage(result.usage));
} catch (error) {
  reportError(error);
}
