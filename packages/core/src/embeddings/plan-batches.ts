/** One request's share of the inputs: positions `start` to `end` (exclusive). */
export interface BatchPlan {
  start: number;
  end: number;
  tokens: number;
  /** True when the token limit, not the count limit, closed the batch. */
  cutByTokens: boolean;
}

/**
 * Splits `count` inputs, in order, into consecutive batches of at most `maxBatchSize`
 * inputs and at most `maxBatchTokens` tokens. An input over the token limit on its own
 * gets a batch to itself (the provider will say whether it fits).
 */
export function planBatches(options: {
  count: number;
  maxBatchSize: number;
  maxBatchTokens?: number;
  tokensOf: (index: number) => number;
}): BatchPlan[] {
  const { count, maxBatchSize, maxBatchTokens = Number.POSITIVE_INFINITY, tokensOf } = options;
  const batches: BatchPlan[] = [];
  let start = 0;
  let tokens = 0;
  for (let index = 0; index < count; index++) {
    const size = index - start;
    const next = tokensOf(index);
    const full = size === maxBatchSize;
    const overTokens = size > 0 && tokens + next > maxBatchTokens;
    if (full || overTokens) {
      batches.push({ start, end: index, tokens, cutByTokens: !full });
      start = index;
      tokens = 0;
    }
    tokens += next;
  }
  if (count > start) batches.push({ start, end: count, tokens, cutByTokens: false });
  return batches;
}
