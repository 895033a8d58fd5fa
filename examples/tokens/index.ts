/**
 * How many tokens a prompt is, and what it will cost: counts a text and a chat conversation
 * offline with the model's own tokenizer, shows how the text splits into tokens, and
 * estimates the price of one call from the model catalog. No API key, no network.
 *
 *   pnpm --filter @weft/examples tokens
 *   WEFT_MODEL=gpt-4.1 pnpm --filter @weft/examples tokens "Your own prompt"
 */
import {
  countMessageTokens,
  countTokens,
  estimateCost,
  findEncodingForModel,
  getModelInfo,
  getTokenizer,
  type Message,
} from '@weft/core';
import { reportError } from '../shared/report-error.js';

const modelId = process.env.WEFT_MODEL || 'gpt-4o-mini';
const prompt =
  process.argv.slice(2).join(' ') ||
  'Summarise the attached quarterly report in five bullet points for a busy executive.';
// What we expect the model to write back, for the cost estimate.
const expectedOutputTokens = 300;

const dollars = (value: number) => `$${value.toFixed(6)}`;

try {
  const info = getModelInfo(modelId);
  // OpenAI models have a public tokenizer; Claude and others do not: count with o200k and
  // say that the number is an estimate.
  const exact = findEncodingForModel(modelId) !== undefined;
  const selector = exact ? { model: modelId } : { encoding: 'o200k_base' as const };
  const tokenizer = await getTokenizer(selector);

  console.log(
    info
      ? `Model: ${info.id} (${info.provider}), context ${info.contextWindow} tokens`
      : `Model: ${modelId} (not in the model catalog)`,
  );
  console.log(
    `Encoding: ${tokenizer.encoding}${exact ? '' : ' (estimate: this model has no public tokenizer)'}`,
  );

  const textTokens = await countTokens(prompt, selector);
  console.log(`\nPrompt text: ${textTokens} tokens`);
  const pieces = tokenizer.encode(prompt).map((id) => tokenizer.decode([id]));
  console.log(`Split: ${pieces.map((piece) => `[${piece}]`).join('')}`);

  const messages: Message[] = [
    { role: 'system', content: 'You are a concise analyst. Answer in plain English.' },
    { role: 'user', content: prompt },
  ];
  const messageTokens = await countMessageTokens(messages, selector);
  console.log(
    `As a chat (system + user, with OpenAI's message overheads): ${messageTokens} tokens`,
  );

  if (info) {
    const cost = estimateCost(
      { inputTokens: messageTokens, outputTokens: expectedOutputTokens },
      info.id,
    );
    console.log(
      `\nEstimated cost of one call with a ${expectedOutputTokens}-token answer: ` +
        `${dollars(cost.totalCost)} (input ${dollars(cost.inputCost)} + output ${dollars(cost.outputCost)})`,
    );
    console.log(`1,000 such calls: ${dollars(cost.totalCost * 1000)}`);
  } else {
    console.log(`\nNo price for ${modelId} in the model catalog: add it with createModelCatalog.`);
  }
} catch (error) {
  reportError(error);
}
