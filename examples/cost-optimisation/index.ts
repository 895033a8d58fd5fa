/**
 * Cost optimisation: a router sends short, simple questions to a cheap model and the rest
 * to a strong one; an exact cache answers repeated questions without a call; a fallback
 * model takes over when the routed model fails (rate limits, overload, server errors).
 * Prints what each question cost and what the same answers would have cost on the strong
 * model alone.
 *
 *   pnpm --filter @weft/examples cost-optimisation
 *
 * Models (per provider; override with WEFT_CHEAP_MODEL, WEFT_STRONG_MODEL, WEFT_BACKUP_MODEL):
 *   OpenAI     gpt-4o-mini / gpt-4o / gpt-4.1-mini
 *   Anthropic  claude-haiku-4-5 / claude-sonnet-4-5 / claude-3-5-haiku
 *   compatible WEFT_MODEL for all three unless overridden
 */
import {
  type ChatModel,
  cacheMiddleware,
  createUsageTracker,
  estimateCost,
  estimateRequestTokens,
  fallbackModel,
  generateText,
  getModelInfo,
  routerModel,
  wrapModel,
} from '@weft/core';
import {
  createModel,
  describeChoice,
  type ProviderChoice,
  resolveProvider,
} from '../shared/pick-model.js';
import { reportError } from '../shared/report-error.js';

const tiers = {
  openai: { cheap: 'gpt-4o-mini', strong: 'gpt-4o', backup: 'gpt-4.1-mini' },
  anthropic: { cheap: 'claude-haiku-4-5', strong: 'claude-sonnet-4-5', backup: 'claude-3-5-haiku' },
} as const;

const questions = [
  'What is a token?',
  'Compare BM25, dense retrieval and hybrid retrieval for a legal-document search system, with the trade-offs of each in latency, recall and maintenance, and recommend one for 2 million contracts.',
  'What is a token?',
  'What does RAG stand for?',
  'Design an evaluation plan for a customer-support RAG assistant: metrics, datasets, judge prompts, thresholds for CI, and how to catch regressions after each prompt change.',
  'What does RAG stand for?',
];

/** A question is simple when it is short; anything longer goes to the strong model. */
const simpleQuestionTokens = 40;

function modelIds(choice: ProviderChoice) {
  const defaults =
    choice.provider === 'compatible'
      ? { cheap: choice.modelId, strong: choice.modelId, backup: choice.modelId }
      : tiers[choice.provider];
  return {
    cheap: process.env.WEFT_CHEAP_MODEL || defaults.cheap,
    strong: process.env.WEFT_STRONG_MODEL || defaults.strong,
    backup: process.env.WEFT_BACKUP_MODEL || defaults.backup,
  };
}

function formatUSD(value: number | undefined): string {
  return value === undefined ? 'n/a' : `$${value.toFixed(6)}`;
}

const resolution = resolveProvider();
if (!resolution.ok) {
  console.error(resolution.message);
  process.exit(1);
}
const ids = modelIds(resolution.choice);
const model = async (modelId: string): Promise<ChatModel> =>
  createModel({ ...resolution.choice, modelId });
console.error(
  `Provider: ${describeChoice(resolution.choice)}; cheap ${ids.cheap}, strong ${ids.strong}, backup ${ids.backup}`,
);

const routed = routerModel({
  models: { cheap: await model(ids.cheap), strong: await model(ids.strong) },
  choose: (request) =>
    !request.tools && estimateRequestTokens(request) <= simpleQuestionTokens ? 'cheap' : 'strong',
});
// Outermost first: the cache answers repeats before anything is routed or sent.
const assistant = wrapModel(fallbackModel([routed, await model(ids.backup)]), [cacheMiddleware()]);

const tracker = createUsageTracker();
let strongOnlyCost = 0;
const strongOnlyPriced = getModelInfo(ids.strong) !== undefined;

try {
  for (const [index, question] of questions.entries()) {
    const result = await generateText({
      model: assistant,
      prompt: question,
      maxOutputTokens: 300,
      maxRetries: 0,
    });
    const { response, usage } = result;
    const answeredBy = response.modelId ?? '?';
    const skipped =
      response.fallbacks?.map((attempt) => `${attempt.modelId} (${attempt.error.code})`) ?? [];
    // A cached answer costs nothing now; without the cache it would have been a strong call.
    const cost = response.cached ? 0 : await tracker.add(usage, answeredBy);
    if (strongOnlyPriced) strongOnlyCost += estimateCost(usage, ids.strong).totalCost;
    console.log(`#${index + 1} ${question.slice(0, 60)}${question.length > 60 ? '...' : ''}`);
    console.log(
      `   route: ${response.cached ? 'cache' : (response.route ?? 'backup')}, answered by: ${response.cached ? 'cache' : answeredBy}` +
        (skipped.length > 0 ? `, fallback after: ${skipped.join(', ')}` : '') +
        `, tokens: ${usage.inputTokens ?? 0} in + ${usage.outputTokens ?? 0} out, cost: ${formatUSD(cost)}`,
    );
  }
} catch (error) {
  reportError(error);
  process.exit(1);
}

const total = tracker.total();
console.log('\nCost report');
for (const entry of total.byModel) {
  console.log(
    `  ${entry.modelId}: ${entry.calls} calls, ${entry.inputTokens} in + ${entry.outputTokens} out, ${formatUSD(entry.cost)}`,
  );
}
console.log(
  `  Total: ${formatUSD(total.cost)} for ${total.calls} calls (${questions.length - total.calls} answered from cache)`,
);
if (total.unpricedModels.length > 0)
  console.log(`  No list price for: ${total.unpricedModels.join(', ')}`);
if (strongOnlyPriced && total.unpricedModels.length === 0) {
  const saved = strongOnlyCost > 0 ? 1 - total.cost / strongOnlyCost : 0;
  console.log(
    `  The same answers on ${ids.strong} alone, without cache: ${formatUSD(strongOnlyCost)} (saved ${(saved * 100).toFixed(0)}%)`,
  );
}
