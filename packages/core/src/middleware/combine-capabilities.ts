import type { ChatModel, ModelCapabilities } from '../types/chat-model.js';

const structuredOutputRank = { prompt: 0, tool: 1, native: 2 } as const;

function minimum(values: Array<number | undefined>): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === values.length && known.length > 0 ? Math.min(...known) : undefined;
}

/**
 * What every one of `models` can do, for a model that may send a request to any of them:
 * a feature counts only if all have it, limits are the smallest.
 */
export function combineCapabilities(models: readonly ChatModel[]): ModelCapabilities {
  const caps = models.map((model) => model.capabilities);
  const weakest = caps.reduce<ModelCapabilities['structuredOutput']>(
    (low, cap) =>
      structuredOutputRank[cap.structuredOutput] < structuredOutputRank[low]
        ? cap.structuredOutput
        : low,
    'native',
  );
  const allTools = caps.every((cap) => cap.tools);
  const maxContextTokens = minimum(caps.map((cap) => cap.maxContextTokens));
  const maxOutputTokens = minimum(caps.map((cap) => cap.maxOutputTokens));
  return {
    tools: allTools,
    // A forced tool call needs tools; without them, only a prompt is left.
    structuredOutput: weakest === 'tool' && !allTools ? 'prompt' : weakest,
    images: caps.every((cap) => cap.images),
    ...(maxContextTokens === undefined ? {} : { maxContextTokens }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
  };
}
