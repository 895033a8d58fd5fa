/**
 * Prompt engineering: the same question asked twice, once vaguely and once with a role, an
 * audience, a format, constraints and a few-shot example (a typed `definePrompt` template).
 * Prints both answers with their token usage and cost.
 *
 *   pnpm --filter @weft/examples prompt-engineering
 *   pnpm --filter @weft/examples prompt-engineering "event sourcing"
 */
import { definePrompt, estimateCost, generateText, getModelInfo, type Usage } from '@weft/core';
import { formatUsage } from '../shared/format-usage.js';
import { pickModel } from '../shared/pick-model.js';
import { reportError } from '../shared/report-error.js';

const topic = process.argv.slice(2).join(' ') || 'vector databases';

// The specific prompt: every {{variable}} is checked by TypeScript when rendered.
const explainer = definePrompt({
  name: 'explainer',
  system:
    'You are {{role}}. Your reader is {{audience}}. ' + 'Answer in {{format}}. {{constraints}}',
  template: 'Explain {{topic}}.',
  examples: [
    {
      input: { topic: 'a hash index' },
      output:
        '- What: a lookup table from a key to where its row lives.\n' +
        '- Why: finding one row takes the same time however big the table grows.\n' +
        '- Trade-off: it cannot answer range questions such as "all orders in May".',
    },
  ],
});

function formatCost(usage: Usage, modelId: string): string {
  if (!getModelInfo(modelId)) return `Cost: unknown (no list price for ${modelId})`;
  return `Cost: $${estimateCost(usage, modelId).totalCost.toFixed(6)} at list prices`;
}

const model = await pickModel();

try {
  const vague = await generateText({ model, prompt: `Tell me about ${topic}.` });
  console.log('--- Vague prompt ---');
  console.log(vague.text);
  console.log(formatUsage(vague.usage));
  console.log(formatCost(vague.usage, model.modelId));

  const specific = await generateText({
    model,
    messages: explainer.render({
      role: 'a senior engineer who mentors new colleagues',
      audience: 'a product manager with no database background',
      format: 'exactly three bullet points: What, Why, Trade-off',
      constraints: 'Use no jargon without explaining it. Stay under 80 words.',
      topic,
    }),
    temperature: 0.3,
    maxOutputTokens: 200,
  });
  console.log();
  console.log('--- Specific prompt (role, audience, format, constraints, example) ---');
  console.log(specific.text);
  console.log(formatUsage(specific.usage));
  console.log(formatCost(specific.usage, model.modelId));
} catch (error) {
  reportError(error);
}
